package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SharedBlock;
import dev.trellis.api.store.SharedBlockStore;
import dev.trellis.api.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link SharedBlockStore} over table {@code shared_blocks}, always joined to live rows of {@code blocks}. */
final class SqlSharedBlocks implements SharedBlockStore {

    private static final String SELECT = "SELECT b.scope, b.label, s.agent_id, s.permission, s.attached_at"
            + " FROM shared_blocks s JOIN blocks b ON b.id = s.block_id AND b.deleted = 0";
    /** The id of the live row at an address (NULL if none). */
    private static final String LIVE_ID = "(SELECT id FROM blocks WHERE scope = ? AND label = ? AND deleted = 0)";

    private final SqliteTransaction tx;

    SqlSharedBlocks(SqliteTransaction tx) {
        this.tx = tx;
    }

    @Override
    public boolean attach(SharedBlock share) {
        Objects.requireNonNull(share, "share");
        requireAgent(share.agentId());
        // INSERT … SELECT writes nothing when there is no live block; the upsert replaces an earlier attachment
        String sql = "INSERT INTO shared_blocks (block_id, agent_id, permission, attached_at)"
                + " SELECT id, ?, ?, ? FROM blocks WHERE scope = ? AND label = ? AND deleted = 0"
                + " ON CONFLICT (block_id, agent_id) DO UPDATE SET permission = excluded.permission,"
                + " attached_at = excluded.attached_at";
        String what = "attach block " + share.address() + " to agent " + share.agentId();
        try (PreparedStatement ps = tx.writable(what).prepareStatement(sql)) {
            ps.setString(1, share.agentId());
            ps.setString(2, share.permission().id());
            ps.setString(3, Codec.instant(share.attachedAt()));
            ps.setString(4, share.address().scope().key());
            ps.setString(5, share.address().label());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw tx.error(what, e);
        }
    }

    @Override
    public boolean detach(BlockAddress address, String agentId) {
        Objects.requireNonNull(address, "address");
        requireAgent(agentId);
        String sql = "DELETE FROM shared_blocks WHERE block_id = " + LIVE_ID + " AND agent_id = ?";
        String what = "detach block " + address + " from agent " + agentId;
        try (PreparedStatement ps = tx.writable(what).prepareStatement(sql)) {
            ps.setString(1, address.scope().key());
            ps.setString(2, address.label());
            ps.setString(3, agentId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw tx.error(what, e);
        }
    }

    @Override
    public Optional<SharedBlock> find(BlockAddress address, String agentId) {
        Objects.requireNonNull(address, "address");
        requireAgent(agentId);
        List<SharedBlock> found = query("read attachment of block " + address + " to agent " + agentId,
                SELECT + " WHERE b.scope = ? AND b.label = ? AND s.agent_id = ?",
                address.scope().key(), address.label(), agentId);
        return found.stream().findFirst();
    }

    @Override
    public List<SharedBlock> sharesOf(BlockAddress address) {
        Objects.requireNonNull(address, "address");
        return query("list attachments of block " + address,
                SELECT + " WHERE b.scope = ? AND b.label = ? ORDER BY s.agent_id", address.scope().key(), address.label());
    }

    @Override
    public List<SharedBlock> sharedWith(String agentId) {
        requireAgent(agentId);
        return query("list blocks shared with agent " + agentId,
                SELECT + " WHERE s.agent_id = ? ORDER BY b.scope, b.label", agentId);
    }

    @Override
    public boolean hasSharedBlocksWith(String agentA, String agentB) {
        requireAgent(agentA);
        requireAgent(agentB);
        String sql = "SELECT EXISTS (SELECT 1 FROM shared_blocks s JOIN blocks b ON b.id = s.block_id AND b.deleted = 0"
                + " WHERE (b.scope = ? AND s.agent_id = ?) OR (b.scope = ? AND s.agent_id = ?))";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, owned(agentA));
            ps.setString(2, agentB);
            ps.setString(3, owned(agentB));
            ps.setString(4, agentA);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw tx.error("check blocks shared between agents " + agentA + " and " + agentB, e);
        }
    }

    /** The scope key of the blocks an agent owns; an id that is not a valid scope id owns nothing. */
    private static String owned(String agentId) {
        return Scope.ID.matcher(agentId).matches() ? Scope.global(agentId).key() : "";
    }

    private List<SharedBlock> query(String what, String sql, String... args) {
        return tx.query(what, sql, this::row, args);
    }

    private SharedBlock row(ResultSet rs) throws SQLException {
        String scope = rs.getString(1);
        String label = rs.getString(2);
        String agent = rs.getString(3);
        try {
            return new SharedBlock(new BlockAddress(Scope.parse(scope), label), agent, Permission.parse(rs.getString(4)),
                    Codec.instant(rs.getString(5)));
        } catch (RuntimeException e) {
            throw new StoreException(StoreException.Reason.CORRUPT, "store " + tx.file() + ": attachment of block " + scope
                    + "/" + label + " to agent " + agent + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void requireAgent(String agentId) {
        Objects.requireNonNull(agentId, "agentId");
        if (agentId.isBlank()) {
            throw new IllegalArgumentException("agentId is blank");
        }
    }
}
