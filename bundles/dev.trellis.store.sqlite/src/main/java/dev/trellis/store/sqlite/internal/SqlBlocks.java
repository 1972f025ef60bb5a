package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.store.BlockStore;
import dev.trellis.api.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link BlockStore} over table {@code blocks}. Each insert and update also writes the block's
 * changed chunks ({@link BlockChunks}) on the same connection, so in the same transaction; the FTS
 * index follows the chunks through triggers, and a soft delete drops the chunks through a trigger.
 */
final class SqlBlocks implements BlockStore {

    private static final String META_COLUMNS = "scope, label, tier, schema, description, char_limit, permission, pinned,"
            + " created_at, updated_at, last_author";

    private final SqliteTransaction tx;

    SqlBlocks(SqliteTransaction tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Block> find(BlockAddress address) {
        Objects.requireNonNull(address, "address");
        String sql = "SELECT " + META_COLUMNS + ", revision, content, content_hash FROM blocks"
                + " WHERE scope = ? AND label = ? AND deleted = 0";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, address.scope().key());
            ps.setString(2, address.label());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Block(metadata(rs), rs.getString("content"), rs.getLong("revision"),
                        rs.getString("content_hash")));
            }
        } catch (SQLException e) {
            throw tx.error("read block " + address, e);
        }
    }

    @Override
    public List<Scope> scopesWithBlocks() {
        return distinctScopes(tx, "SELECT DISTINCT scope FROM blocks WHERE deleted = 0 ORDER BY scope", "list block scopes");
    }

    /** Runs a one-column query of scope keys. */
    static List<Scope> distinctScopes(SqliteTransaction tx, String sql, String what) {
        try (PreparedStatement ps = tx.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<Scope> out = new ArrayList<>();
            while (rs.next()) {
                out.add(Scope.parse(rs.getString(1)));
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw tx.error(what, e);
        }
    }

    @Override
    public List<BlockMetadata> list(ListFilter filter) {
        Objects.requireNonNull(filter, "filter");
        StringBuilder sql = new StringBuilder("SELECT " + META_COLUMNS + " FROM blocks WHERE deleted = 0");
        List<String> args = new ArrayList<>();
        filter.scope().ifPresent(s -> {
            sql.append(" AND scope = ?");
            args.add(s.key());
        });
        filter.labelPrefix().ifPresent(p -> {
            // substr instead of LIKE: no wildcard escaping, '_' and '.' in labels stay literal
            sql.append(" AND substr(label, 1, length(?)) = ?");
            args.add(p);
            args.add(p);
        });
        filter.tier().ifPresent(t -> {
            sql.append(" AND tier = ?");
            args.add(t.id());
        });
        filter.schema().ifPresent(s -> {
            sql.append(" AND schema = ?");
            args.add(s.id());
        });
        sql.append(" ORDER BY scope, label");
        try (PreparedStatement ps = tx.connection().prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            List<BlockMetadata> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(metadata(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw tx.error("list blocks " + filter, e);
        }
    }

    @Override
    public void insert(Block block) {
        Objects.requireNonNull(block, "block");
        String sql = "INSERT INTO blocks (" + META_COLUMNS + ", revision, content, content_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        Connection c = tx.writable("insert block " + block.address());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindMetadata(ps, block.metadata());
            ps.setLong(i++, block.revision());
            ps.setString(i++, block.content());
            ps.setString(i, block.contentHash());
            ps.executeUpdate();
            BlockChunks.insert(c, lastInsertRowid(c), block.address().label(), block.metadata().description(),
                    block.content());
        } catch (SQLException e) {
            StoreException error = tx.error("insert block " + block.address(), e);
            if (error.reason() == StoreException.Reason.CONSTRAINT) {
                throw new StoreException(StoreException.Reason.CONSTRAINT,
                        "store " + tx.file() + ": a block already exists at " + block.address(), e);
            }
            throw error;
        }
    }

    @Override
    public boolean update(Block block, long expectedRevision) {
        Objects.requireNonNull(block, "block");
        String sql = "UPDATE blocks SET tier = ?, schema = ?, description = ?, char_limit = ?, permission = ?,"
                + " pinned = ?, created_at = ?, updated_at = ?, last_author = ?, revision = ?, content = ?,"
                + " content_hash = ? WHERE scope = ? AND label = ? AND deleted = 0 AND revision = ?";
        BlockMetadata m = block.metadata();
        Connection c = tx.writable("update block " + block.address());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, m.tier().id());
            ps.setString(2, m.schema().id());
            ps.setString(3, m.description());
            ps.setInt(4, m.charLimit());
            ps.setString(5, m.permission().id());
            ps.setInt(6, m.pinned() ? 1 : 0);
            ps.setString(7, Codec.instant(m.createdAt()));
            ps.setString(8, Codec.instant(m.updatedAt()));
            ps.setString(9, Codec.author(m.lastAuthor()));
            ps.setLong(10, block.revision());
            ps.setString(11, block.content());
            ps.setString(12, block.contentHash());
            ps.setString(13, block.address().scope().key());
            ps.setString(14, block.address().label());
            ps.setLong(15, expectedRevision);
            if (ps.executeUpdate() != 1) {
                return false;
            }
            BlockChunks.sync(c, liveId(c, block.address()), block.address().label(), m.description(), block.content());
            return true;
        } catch (SQLException e) {
            throw tx.error("update block " + block.address(), e);
        }
    }

    @Override
    public boolean delete(BlockAddress address) {
        Objects.requireNonNull(address, "address");
        // soft delete: the row stays for admin surfaces; a trigger drops its chunks and so its index rows
        String sql = "UPDATE blocks SET deleted = 1 WHERE scope = ? AND label = ? AND deleted = 0";
        try (PreparedStatement ps = tx.writable("delete block " + address).prepareStatement(sql)) {
            ps.setString(1, address.scope().key());
            ps.setString(2, address.label());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw tx.error("delete block " + address, e);
        }
    }

    private static long lastInsertRowid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long liveId(Connection c, BlockAddress address) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM blocks WHERE scope = ? AND label = ? AND deleted = 0")) {
            ps.setString(1, address.scope().key());
            ps.setString(2, address.label());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("block " + address + " vanished within its own update");
                }
                return rs.getLong(1);
            }
        }
    }

    private static int bindMetadata(PreparedStatement ps, BlockMetadata m) throws SQLException {
        ps.setString(1, m.address().scope().key());
        ps.setString(2, m.address().label());
        ps.setString(3, m.tier().id());
        ps.setString(4, m.schema().id());
        ps.setString(5, m.description());
        ps.setInt(6, m.charLimit());
        ps.setString(7, m.permission().id());
        ps.setInt(8, m.pinned() ? 1 : 0);
        ps.setString(9, Codec.instant(m.createdAt()));
        ps.setString(10, Codec.instant(m.updatedAt()));
        ps.setString(11, Codec.author(m.lastAuthor()));
        return 12;
    }

    private BlockMetadata metadata(ResultSet rs) throws SQLException {
        String scope = rs.getString("scope");
        String label = rs.getString("label");
        try {
            return new BlockMetadata(new BlockAddress(Scope.parse(scope), label), Tier.parse(rs.getString("tier")),
                    Schema.parse(rs.getString("schema")), rs.getString("description"), rs.getInt("char_limit"),
                    Permission.parse(rs.getString("permission")), rs.getInt("pinned") != 0,
                    Codec.instant(rs.getString("created_at")), Codec.instant(rs.getString("updated_at")),
                    Codec.author(rs.getString("last_author")));
        } catch (RuntimeException e) {
            throw new StoreException(StoreException.Reason.CORRUPT,
                    "store " + tx.file() + ": block row " + scope + "/" + label + " cannot be read: " + e.getMessage(), e);
        }
    }
}
