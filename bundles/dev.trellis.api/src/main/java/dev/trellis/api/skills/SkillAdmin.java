package dev.trellis.api.skills;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Read-only view of where skills come from, for admin surfaces (console, shell): every source with its
 * tier, its skills and the files that failed to parse, with their locations.
 *
 * @since 1.1
 */
@ProviderType
public interface SkillAdmin {

    /**
     * Every source known now: first-party, each active plugin with a {@code Trellis-Skills} header, each
     * watched project directory, and ad-hoc skills (with the stored skill blocks that no longer parse).
     * Ordered first-party, plugins by id, projects by id, ad-hoc.
     */
    List<SkillSourceStatus> sources();

    /**
     * How often a skill declared {@code trust_tier: plugin-installed} without coming from a plugin (the
     * declared tier is kept, reference §4; each such parse counts and logs a warning).
     */
    long pluginInstalledTierWithoutPlugin();
}
