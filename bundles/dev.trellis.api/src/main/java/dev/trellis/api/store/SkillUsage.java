package dev.trellis.api.store;

import dev.trellis.api.memory.BlockAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * How often the skill stored at one block address was loaded on this install.
 *
 * @param skill      the skill block's address
 * @param useCount   loads so far, at least 1 (never-loaded skills have no record)
 * @param lastUsed   time of the last load
 * @param lastUsedBy agent id of the last loader
 * @since 1.2
 */
public record SkillUsage(BlockAddress skill, long useCount, Instant lastUsed, String lastUsedBy) {
    public SkillUsage {
        Objects.requireNonNull(skill, "skill");
        Objects.requireNonNull(lastUsed, "lastUsed");
        Objects.requireNonNull(lastUsedBy, "lastUsedBy");
        if (useCount < 1) {
            throw new IllegalArgumentException("useCount must be >= 1, was " + useCount);
        }
    }
}
