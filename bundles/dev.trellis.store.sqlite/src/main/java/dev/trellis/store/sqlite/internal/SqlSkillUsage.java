package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.store.SkillUsage;
import dev.trellis.api.store.SkillUsageStore;
import dev.trellis.api.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link SkillUsageStore} over table {@code skill_usage} (V007). */
final class SqlSkillUsage implements SkillUsageStore {

    private static final String SELECT = "SELECT scope, label, use_count, last_used, last_used_by FROM skill_usage";

    private final SqliteTransaction tx;

    SqlSkillUsage(SqliteTransaction tx) {
        this.tx = tx;
    }

    @Override
    public SkillUsage recordUse(BlockAddress skill, String agentId, Instant at) {
        Objects.requireNonNull(skill, "skill");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(at, "at");
        if (agentId.isBlank()) {
            throw new IllegalArgumentException("agentId is blank");
        }
        String what = "record a use of skill " + skill;
        String sql = "INSERT INTO skill_usage (scope, label, use_count, last_used, last_used_by) VALUES (?, ?, 1, ?, ?)"
                + " ON CONFLICT (scope, label) DO UPDATE SET use_count = use_count + 1,"
                + " last_used = excluded.last_used, last_used_by = excluded.last_used_by"
                + " RETURNING scope, label, use_count, last_used, last_used_by";
        try (PreparedStatement ps = tx.writable(what).prepareStatement(sql)) {
            ps.setString(1, skill.scope().key());
            ps.setString(2, skill.label());
            ps.setString(3, Codec.instant(at));
            ps.setString(4, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return row(rs);
            }
        } catch (SQLException e) {
            throw tx.error(what, e);
        }
    }

    @Override
    public Optional<SkillUsage> find(BlockAddress skill) {
        Objects.requireNonNull(skill, "skill");
        return query("read usage of skill " + skill, SELECT + " WHERE scope = ? AND label = ?",
                skill.scope().key(), skill.label()).stream().findFirst();
    }

    @Override
    public List<SkillUsage> inScope(Scope scope) {
        Objects.requireNonNull(scope, "scope");
        return query("list skill usage of " + scope, SELECT + " WHERE scope = ? ORDER BY label", scope.key());
    }

    private List<SkillUsage> query(String what, String sql, String... args) {
        return tx.query(what, sql, this::row, args);
    }

    private SkillUsage row(ResultSet rs) throws SQLException {
        try {
            return new SkillUsage(BlockAddress.of(Scope.parse(rs.getString("scope")), rs.getString("label")),
                    rs.getLong("use_count"), Codec.instant(rs.getString("last_used")), rs.getString("last_used_by"));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new StoreException(StoreException.Reason.CORRUPT,
                    "store " + tx.file() + ": skill_usage row cannot be read: " + e.getMessage(), e);
        }
    }
}
