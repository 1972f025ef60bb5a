package dev.trellis.api.skills;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How often a skill was loaded on this install. Kept outside the skill's content, so loading a
 * skill never changes its file or block revision.
 *
 * @param handle     the skill
 * @param useCount   loads so far, 0 if never
 * @param lastUsed   last load
 * @param lastUsedBy agent id of the last loader
 */
public record UsageStats(String handle, long useCount, Optional<Instant> lastUsed, Optional<String> lastUsedBy) {
    public UsageStats {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(lastUsed, "lastUsed");
        Objects.requireNonNull(lastUsedBy, "lastUsedBy");
        if (useCount < 0) {
            throw new IllegalArgumentException("useCount must be >= 0, was " + useCount);
        }
    }

    /** Stats of a skill never loaded. */
    public static UsageStats never(String handle) {
        return new UsageStats(handle, 0, Optional.empty(), Optional.empty());
    }
}
