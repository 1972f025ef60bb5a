package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.ArchivalEntry;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.store.ArchivalStore;
import dev.trellis.api.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@link ArchivalStore} over table {@code archival}; the FTS index follows through triggers. */
final class SqlArchival implements ArchivalStore {

    private final SqliteTransaction tx;

    SqlArchival(SqliteTransaction tx) {
        this.tx = tx;
    }

    @Override
    public ArchivalEntry insert(Scope scope, String content, Optional<String> metadataJson) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(metadataJson, "metadataJson");
        String what = "insert archival entry in " + scope;
        Instant now = Instant.now();
        String sql = "INSERT INTO archival (scope, content, metadata_json, created_at) VALUES (?, ?, ?, ?) RETURNING id";
        try (PreparedStatement ps = tx.writable(what).prepareStatement(sql)) {
            ps.setString(1, scope.key());
            ps.setString(2, content);
            if (metadataJson.isPresent()) {
                ps.setString(3, metadataJson.get());
            } else {
                ps.setNull(3, Types.VARCHAR);
            }
            ps.setString(4, Codec.instant(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new ArchivalEntry(rs.getLong(1), scope, content, metadataJson, now);
            }
        } catch (SQLException e) {
            StoreException error = tx.error(what, e);
            if (error.reason() == StoreException.Reason.CONSTRAINT) {
                throw new StoreException(StoreException.Reason.CONSTRAINT,
                        "store " + tx.file() + ": " + what + ": metadata must be a JSON object", e);
            }
            throw error;
        }
    }

    @Override
    public java.util.List<Scope> scopesWithEntries() {
        return SqlBlocks.distinctScopes(tx, "SELECT DISTINCT scope FROM archival ORDER BY scope", "list archival scopes");
    }

    @Override
    public Optional<ArchivalEntry> find(long id) {
        String sql = "SELECT scope, content, metadata_json, created_at FROM archival WHERE id = ?";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(new ArchivalEntry(id, Scope.parse(rs.getString("scope")), rs.getString("content"),
                            Optional.ofNullable(rs.getString("metadata_json")),
                            Codec.instant(rs.getString("created_at"))));
                } catch (RuntimeException e) {
                    throw new StoreException(StoreException.Reason.CORRUPT,
                            "store " + tx.file() + ": archival entry " + id + " cannot be read: " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw tx.error("read archival entry " + id, e);
        }
    }

    @Override
    public boolean delete(long id) {
        String what = "delete archival entry " + id;
        try (PreparedStatement ps = tx.writable(what).prepareStatement("DELETE FROM archival WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw tx.error(what, e);
        }
    }
}
