package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.store.HistoryStore;
import dev.trellis.api.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link HistoryStore} over table {@code block_history}. */
final class SqlHistory implements HistoryStore {

    private final SqliteTransaction tx;

    SqlHistory(SqliteTransaction tx) {
        this.tx = tx;
    }

    @Override
    public void append(BlockAddress address, HistoryEntry entry) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(entry, "entry");
        String what = "append history " + address + " revision " + entry.revision();
        String sql = "INSERT INTO block_history (scope, label, revision, op_kind, author, at, content)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = tx.writable(what).prepareStatement(sql)) {
            bind(ps, address);
            ps.setLong(3, entry.revision());
            ps.setString(4, entry.opKind());
            ps.setString(5, Codec.author(entry.author()));
            ps.setString(6, Codec.instant(entry.at()));
            ps.setString(7, entry.content());
            ps.executeUpdate();
        } catch (SQLException e) {
            StoreException error = tx.error(what, e);
            if (error.reason() == StoreException.Reason.CONSTRAINT) {
                throw new StoreException(StoreException.Reason.CONSTRAINT, "store " + tx.file() + ": " + what
                        + ": that revision is already stored", e);
            }
            throw error;
        }
    }

    @Override
    public List<HistoryEntry> newest(BlockAddress address, int limit) {
        Objects.requireNonNull(address, "address");
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be >= 1, was " + limit);
        }
        String sql = "SELECT revision, op_kind, author, at, content FROM block_history"
                + " WHERE scope = ? AND label = ? ORDER BY revision DESC LIMIT ?";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            bind(ps, address);
            ps.setInt(3, limit);
            List<HistoryEntry> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(entry(address, rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw tx.error("read history " + address, e);
        }
    }

    @Override
    public int trim(BlockAddress address, int keep) {
        Objects.requireNonNull(address, "address");
        if (keep < 0) {
            throw new IllegalArgumentException("history keep must be >= 0, was " + keep);
        }
        String sql = "DELETE FROM block_history WHERE scope = ?1 AND label = ?2 AND revision NOT IN"
                + " (SELECT revision FROM block_history WHERE scope = ?1 AND label = ?2 ORDER BY revision DESC LIMIT ?3)";
        try (PreparedStatement ps = tx.writable("trim history " + address).prepareStatement(sql)) {
            bind(ps, address);
            ps.setInt(3, keep);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw tx.error("trim history " + address, e);
        }
    }

    @Override
    public int clear(BlockAddress address) {
        Objects.requireNonNull(address, "address");
        String sql = "DELETE FROM block_history WHERE scope = ? AND label = ?";
        try (PreparedStatement ps = tx.writable("clear history " + address).prepareStatement(sql)) {
            bind(ps, address);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw tx.error("clear history " + address, e);
        }
    }

    private static void bind(PreparedStatement ps, BlockAddress address) throws SQLException {
        ps.setString(1, address.scope().key());
        ps.setString(2, address.label());
    }

    private HistoryEntry entry(BlockAddress address, ResultSet rs) throws SQLException {
        long revision = rs.getLong("revision");
        try {
            return new HistoryEntry(revision, rs.getString("op_kind"), Codec.author(rs.getString("author")),
                    Codec.instant(rs.getString("at")), rs.getString("content"));
        } catch (RuntimeException e) {
            throw new StoreException(StoreException.Reason.CORRUPT, "store " + tx.file() + ": history of " + address
                    + " revision " + revision + " cannot be read: " + e.getMessage(), e);
        }
    }
}
