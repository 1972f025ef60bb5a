package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.Author;
import dev.trellis.api.store.MessageQueueStore;
import dev.trellis.api.store.QueuedMessage;
import dev.trellis.api.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link MessageQueueStore} over table {@code agent_queue}. */
final class SqlMessageQueue implements MessageQueueStore {

    private final SqliteTransaction tx;

    SqlMessageQueue(SqliteTransaction tx) {
        this.tx = tx;
    }

    @Override
    public QueuedMessage enqueue(String agentId, String turnId, Author author, String body) {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(body, "body");
        String what = "queue input " + turnId + " for agent " + agentId;
        Instant now = Instant.now();
        String sql = "INSERT INTO agent_queue (agent_id, turn_id, author, body, queued_at) VALUES (?, ?, ?, ?, ?) RETURNING id";
        try (PreparedStatement ps = tx.writable(what).prepareStatement(sql)) {
            ps.setString(1, agentId);
            ps.setString(2, turnId);
            ps.setString(3, Codec.author(author));
            ps.setString(4, body);
            ps.setString(5, Codec.instant(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new QueuedMessage(rs.getLong(1), agentId, turnId, author, body, now);
            }
        } catch (SQLException e) {
            StoreException error = tx.error(what, e);
            if (error.reason() == StoreException.Reason.CONSTRAINT) {
                throw new StoreException(StoreException.Reason.CONSTRAINT,
                        "store " + tx.file() + ": " + what + ": that turn id is already queued", e);
            }
            throw error;
        }
    }

    @Override
    public List<QueuedMessage> pending(String agentId) {
        Objects.requireNonNull(agentId, "agentId");
        String sql = "SELECT id, turn_id, author, body, queued_at FROM agent_queue WHERE agent_id = ? ORDER BY id";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, agentId);
            List<QueuedMessage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong("id");
                    try {
                        out.add(new QueuedMessage(id, agentId, rs.getString("turn_id"), Codec.author(rs.getString("author")),
                                rs.getString("body"), Codec.instant(rs.getString("queued_at"))));
                    } catch (RuntimeException e) {
                        throw new StoreException(StoreException.Reason.CORRUPT,
                                "store " + tx.file() + ": queued input " + id + " cannot be read: " + e.getMessage(), e);
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw tx.error("read the queue of agent " + agentId, e);
        }
    }

    @Override
    public boolean remove(String turnId) {
        Objects.requireNonNull(turnId, "turnId");
        String what = "remove queued input " + turnId;
        try (PreparedStatement ps = tx.writable(what).prepareStatement("DELETE FROM agent_queue WHERE turn_id = ?")) {
            ps.setString(1, turnId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw tx.error(what, e);
        }
    }

    @Override
    public List<String> agentsWithPending() {
        String sql = "SELECT DISTINCT agent_id FROM agent_queue ORDER BY agent_id";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw tx.error("list agents with queued inputs", e);
        }
    }
}
