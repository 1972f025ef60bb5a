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

    /**
     * The scope of the skills every agent sees: first-party, plugin-installed and shared ad-hoc skills.
     * A project's own skills live in its {@code local:} scope.
     *
     * @since 1.1
     */
    Scope SHARED = Scope.global("_skills");

    /** All visible skills, ordered by name. */
    List<SkillInfo> list(Scope scope);

    /**
     * The front matter of a skill, without recording a use.
     *
     * @return the metadata, or empty if the handle names no visible block or a block that is not a skill
     * @throws SkillException {@code Malformed} if the block is a skill whose text no longer parses
     */
    Optional<SkillMetadata> metadata(Scope scope, String handle);

    /**
     * A whole skill (metadata, source, body) as it would be loaded, without recording a use: for admin
     * surfaces that show a skill.
     *
     * <p>Handles resolve as in {@link #load}: the label in {@code scope} first, then in the shared
     * skills scope.
     *
     * @return the skill, or empty if the handle names no visible block or a block that is not a skill
     * @throws SkillException {@code Malformed} if the block is a skill whose text no longer parses
     * @since 1.1
     */
    Optional<Skill> get(Scope scope, String handle);

    /**
     * Loads a skill for an agent and records the use. The result is the text the agent receives:
     * <pre>
     * [skill:loaded] name="NAME" trust_tier="TIER"
     *
     * BODY
     *
     * [skill:loaded:end]</pre>
     * Loading the same skill twice returns it twice. The handle is the block label: it is looked up
     * in {@code scope} first, then in the shared skills scope (first-party, plugin-installed and
     * shared ad-hoc skills). Only the usage stats change; the skill's block and file stay as they were.
     *
     * @param agentId the loading agent, recorded in {@link UsageStats#lastUsedBy()}
     * @throws SkillException {@code NotFound}, {@code NotASkill}, {@code Malformed} (stored text no
     *                        longer parses)
     */
    String load(Scope scope, String handle, String agentId);

    /**
     * Full-text search over name, description, keywords and body, best first (BM25). The query uses
     * the store's full-text syntax (words, "phrases", OR, prefix*); a query that is not valid syntax
     * is searched again with each of its words quoted.
     *
     * @param limit most results, at least 1
     */
    List<SkillInfo> search(Scope scope, String query, int limit);

    /**
     * @param handle a label in the shared skills scope, or a whole block address
     *               ({@code local:<project>/skills/<name>})
     * @return the stats, {@link UsageStats#never} if never loaded or unknown
     */
    UsageStats usage(String handle);

    /**
     * Usage of the skill the handle names in {@code scope}, resolved as in {@link #load}.
     *
     * @return the stats, {@link UsageStats#never} if never loaded or unknown
     * @since 1.1
     */
    UsageStats usage(Scope scope, String handle);

    /**
     * Parses skill text ({@code ---}, YAML, {@code ---}, body) without storing it; the tier comes from
     * {@code source} and the handle is the skill name.
     *
     * @param file name used in error locations
     * @throws SkillException {@code Malformed} with file, line and column
     */
    Skill parse(String file, String text, SkillSource source);
}
