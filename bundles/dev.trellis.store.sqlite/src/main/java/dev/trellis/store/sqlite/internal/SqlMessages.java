package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.model.Role;
import dev.trellis.api.store.HistorySummary;
import dev.trellis.api.store.MessageStore;
import dev.trellis.api.store.NewMessage;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoredMessage;
import dev.trellis.api.store.TurnLogEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link MessageStore} over {@code agent_messages} (FTS through triggers), {@code agent_turns} and
 * {@code agent_summaries}.
 */
final class SqlMessages implements MessageStore {

    private static final String COLUMNS = "id, agent_id, turn_id, seq, role, author, scope, content_json, text,"
            + " created_at, archived";
    private static final String TURN_COLUMNS = "turn_id, agent_id, author, input, started_at, ended_at, stop_reason,"
            + " failure, model_calls, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens";

    private final SqliteTransaction tx;

    SqlMessages(SqliteTransaction tx) {
        this.tx = tx;
    }

    @Override
    public StoredMessage append(NewMessage m) {
        Objects.requireNonNull(m, "message");
        String what = "store message " + m.seq() + " of turn " + m.turnId() + " (agent " + m.agentId() + ")";
        String sql = "INSERT INTO agent_messages (agent_id, turn_id, seq, role, author, scope, content_json, text, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
        try (PreparedStatement ps = tx.writable(what).prepareStatement(sql)) {
            ps.setString(1, m.agentId());
            ps.setString(2, m.turnId());
            ps.setInt(3, m.seq());
            ps.setString(4, role(m.role()));
            if (m.author().isPresent()) {
                ps.setString(5, Codec.author(m.author().get()));
            } else {
                ps.setNull(5, Types.VARCHAR);
            }
            ps.setString(6, m.scope().key());
            ps.setString(7, m.contentJson());
            ps.setString(8, m.text());
            ps.setString(9, Codec.instant(m.createdAt()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new StoredMessage(rs.getLong(1), m, false);
            }
        } catch (SQLException e) {
            StoreException error = tx.error(what, e);
            if (error.reason() == StoreException.Reason.CONSTRAINT) {
                throw new StoreException(StoreException.Reason.CONSTRAINT,
                        "store " + tx.file() + ": " + what + ": the turn already has a message at that position", e);
            }
            throw error;
        }
    }

    @Override
    public List<StoredMessage> active(String agentId) {
        return messages("SELECT " + COLUMNS + " FROM agent_messages WHERE agent_id = ? AND archived = 0 ORDER BY id",
                agentId, -1, "read the active history of agent " + agentId);
    }

    @Override
    public List<StoredMessage> newest(String agentId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("message limit must be >= 1, was " + limit);
        }
        List<StoredMessage> out = messages("SELECT " + COLUMNS + " FROM agent_messages WHERE agent_id = ?"
                + " ORDER BY id DESC LIMIT ?", agentId, limit, "read the newest messages of agent " + agentId);
        return out.reversed();
    }

    private List<StoredMessage> messages(String sql, String agentId, int limit, String what) {
        Objects.requireNonNull(agentId, "agentId");
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, agentId);
            if (limit > 0) {
                ps.setInt(2, limit);
            }
            List<StoredMessage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(message(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw tx.error(what, e);
        }
    }

    private StoredMessage message(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        try {
            String author = rs.getString("author");
            return new StoredMessage(id, new NewMessage(rs.getString("agent_id"), rs.getString("turn_id"), rs.getInt("seq"),
                    Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)),
                    author == null ? Optional.empty() : Optional.of(Codec.author(author)),
                    Scope.parse(rs.getString("scope")), rs.getString("content_json"), rs.getString("text"),
                    Codec.instant(rs.getString("created_at"))), rs.getInt("archived") == 1);
        } catch (RuntimeException e) {
            throw new StoreException(StoreException.Reason.CORRUPT,
                    "store " + tx.file() + ": message " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public long count(String agentId, boolean activeOnly) {
        Objects.requireNonNull(agentId, "agentId");
        String sql = "SELECT count(*) FROM agent_messages WHERE agent_id = ?" + (activeOnly ? " AND archived = 0" : "");
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw tx.error("count the messages of agent " + agentId, e);
        }
    }

    @Override
    public int archiveThrough(String agentId, long lastId) {
        Objects.requireNonNull(agentId, "agentId");
        String what = "archive the messages of agent " + agentId + " up to " + lastId;
        try (PreparedStatement ps = tx.writable(what).prepareStatement(
                "UPDATE agent_messages SET archived = 1 WHERE agent_id = ? AND archived = 0 AND id <= ?")) {
            ps.setString(1, agentId);
            ps.setLong(2, lastId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw tx.error(what, e);
        }
    }

    @Override
    public void logTurn(TurnLogEntry t) {
        Objects.requireNonNull(t, "turn");
        String what = "log turn " + t.turnId() + " of agent " + t.agentId();
        String sql = "INSERT INTO agent_turns (" + TURN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = tx.writable(what).prepareStatement(sql)) {
            ps.setString(1, t.turnId());
            ps.setString(2, t.agentId());
            ps.setString(3, Codec.author(t.author()));
            ps.setString(4, t.input());
            ps.setString(5, Codec.instant(t.startedAt()));
            ps.setString(6, Codec.instant(t.endedAt()));
            ps.setString(7, t.stopReason().orElse(null));
            ps.setString(8, t.failure().orElse(null));
            ps.setInt(9, t.modelCalls());
            ps.setLong(10, t.inputTokens());
            ps.setLong(11, t.outputTokens());
            ps.setLong(12, t.cacheReadTokens());
            ps.setLong(13, t.cacheCreationTokens());
            ps.executeUpdate();
        } catch (SQLException e) {
            StoreException error = tx.error(what, e);
            if (error.reason() == StoreException.Reason.CONSTRAINT) {
                throw new StoreException(StoreException.Reason.CONSTRAINT,
                        "store " + tx.file() + ": " + what + ": that turn is already logged", e);
            }
            throw error;
        }
    }

    @Override
    public List<TurnLogEntry> turns(String agentId, int limit) {
        Objects.requireNonNull(agentId, "agentId");
        if (limit < 1) {
            throw new IllegalArgumentException("turn limit must be >= 1, was " + limit);
        }
        String sql = "SELECT " + TURN_COLUMNS + " FROM agent_turns WHERE agent_id = ?"
                + " ORDER BY started_at DESC, turn_id DESC LIMIT ?";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, agentId);
            ps.setInt(2, limit);
            List<TurnLogEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(turn(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw tx.error("read the turn log of agent " + agentId, e);
        }
    }

    private TurnLogEntry turn(ResultSet rs) throws SQLException {
        String turnId = rs.getString("turn_id");
        try {
            return new TurnLogEntry(turnId, rs.getString("agent_id"), Codec.author(rs.getString("author")),
                    rs.getString("input"), Codec.instant(rs.getString("started_at")),
                    Codec.instant(rs.getString("ended_at")), Optional.ofNullable(rs.getString("stop_reason")),
                    Optional.ofNullable(rs.getString("failure")), rs.getInt("model_calls"), rs.getLong("input_tokens"),
                    rs.getLong("output_tokens"), rs.getLong("cache_read_tokens"), rs.getLong("cache_creation_tokens"));
        } catch (RuntimeException e) {
            throw new StoreException(StoreException.Reason.CORRUPT,
                    "store " + tx.file() + ": turn " + turnId + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public HistorySummary addSummary(HistorySummary s) {
        Objects.requireNonNull(s, "summary");
        String what = "store a history summary of agent " + s.agentId();
        String sql = "INSERT INTO agent_summaries (agent_id, summary, depth, previous_id, first_message_id, last_message_id,"
                + " message_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
        try (PreparedStatement ps = tx.writable(what).prepareStatement(sql)) {
            ps.setString(1, s.agentId());
            ps.setString(2, s.summary());
            ps.setInt(3, s.depth());
            if (s.previousId().isPresent()) {
                ps.setLong(4, s.previousId().getAsLong());
            } else {
                ps.setNull(4, Types.INTEGER);
            }
            ps.setLong(5, s.firstMessageId());
            ps.setLong(6, s.lastMessageId());
            ps.setInt(7, s.messageCount());
            ps.setString(8, Codec.instant(s.createdAt()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new HistorySummary(rs.getLong(1), s.agentId(), s.summary(), s.depth(), s.previousId(),
                        s.firstMessageId(), s.lastMessageId(), s.messageCount(), s.createdAt());
            }
        } catch (SQLException e) {
            throw tx.error(what, e);
        }
    }

    @Override
    public Optional<HistorySummary> latestSummary(String agentId) {
        Objects.requireNonNull(agentId, "agentId");
        String sql = "SELECT id, summary, depth, previous_id, first_message_id, last_message_id, message_count, created_at"
                + " FROM agent_summaries WHERE agent_id = ? ORDER BY id DESC LIMIT 1";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long previous = rs.getLong("previous_id");
                OptionalLong previousId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(previous);
                return Optional.of(new HistorySummary(rs.getLong("id"), agentId, rs.getString("summary"), rs.getInt("depth"),
                        previousId, rs.getLong("first_message_id"), rs.getLong("last_message_id"),
                        rs.getInt("message_count"), Codec.instant(rs.getString("created_at"))));
            }
        } catch (SQLException e) {
            throw tx.error("read the newest summary of agent " + agentId, e);
        }
    }

    @Override
    public List<Scope> scopesWithMessages() {
        return SqlBlocks.distinctScopes(tx, "SELECT DISTINCT scope FROM agent_messages ORDER BY scope", "list message scopes");
    }

    private static String role(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
