package dev.trellis.api.skills;

import dev.trellis.api.memory.Scope;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Skills visible in a scope: the project's own skills plus every first-party, plugin-installed and
 * ad-hoc skill. Loading is explicit; nothing is loaded automatically.
 */
@ProviderType
public interface SkillService {

    /** All visible skills, ordered by name. */
    List<SkillInfo> list(Scope scope);

    /** @return the metadata, or empty if the handle does not name a visible skill */
    Optional<SkillMetadata> metadata(Scope scope, String handle);

    /**
     * Loads a skill for an agent and records the use. The result is the text the agent receives:
     * <pre>
     * [skill:loaded] name="NAME" trust_tier="TIER"
     *
     * BODY
     *
     * [skill:loaded:end]</pre>
     * Loading the same skill twice returns it twice.
     *
     * @param agentId the loading agent, recorded in {@link UsageStats#lastUsedBy()}
     * @throws SkillException {@code NotFound}, {@code NotASkill}, {@code Malformed} (stored text no
     *                        longer parses)
     */
    String load(Scope scope, String handle, String agentId);

    /**
     * Full-text search over name, description, keywords and body, best first.
     *
     * @param limit most results, at least 1
     */
    List<SkillInfo> search(Scope scope, String query, int limit);

    /** @return the stats, {@link UsageStats#never} if never loaded or unknown */
    UsageStats usage(String handle);

    /**
     * Parses skill text ({@code ---}, YAML, {@code ---}, body) without storing it; the tier comes from
     * {@code source} and the handle is the skill name.
     *
     * @param file name used in error locations
     * @throws SkillException {@code Malformed} with file, line and column
     */
    Skill parse(String file, String text, SkillSource source);
}
