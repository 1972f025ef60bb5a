package dev.trellis.api.store;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Usage statistics of skills, keyed by the skill block's address. They live outside the block on
 * purpose: loading a skill never changes its content, revision or file. Records are not removed when
 * the block is deleted (a skill that comes back keeps its count).
 *
 * @since 1.2
 */
@ProviderType
public interface SkillUsageStore {

    /**
     * Counts one load of the skill at {@code skill} by {@code agentId} at {@code at}.
     *
     * @return the record after this load
     */
    SkillUsage recordUse(BlockAddress skill, String agentId, Instant at);

    /** @return the record, or empty if the skill at that address was never loaded */
    Optional<SkillUsage> find(BlockAddress skill);

    /** Records of every skill of {@code scope} that was loaded at least once, ordered by label. */
    List<SkillUsage> inScope(Scope scope);
}
