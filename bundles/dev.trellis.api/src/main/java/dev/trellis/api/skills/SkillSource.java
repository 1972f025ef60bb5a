package dev.trellis.api.skills;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.plugin.PluginId;
import java.util.Objects;

/** Where a skill came from; decides its {@link #tier()}. */
public sealed interface SkillSource permits SkillSource.FirstParty, SkillSource.Plugin, SkillSource.Project,
        SkillSource.AdHoc {

    /** The trust tier this source gives. */
    TrustTier tier();

    /** Shipped inside the skills bundle. */
    record FirstParty() implements SkillSource {
        public TrustTier tier() {
            return TrustTier.FIRST_PARTY;
        }
    }

    /** Installed by a plugin bundle; removed when the bundle goes. */
    record Plugin(PluginId plugin) implements SkillSource {
        public Plugin {
            Objects.requireNonNull(plugin, "plugin");
        }

        public TrustTier tier() {
            return TrustTier.PLUGIN_INSTALLED;
        }
    }

    /**
     * A file in a project's skills folder.
     *
     * @param project the project's scope
     * @param path    file path relative to the project root, '/'-separated
     */
    record Project(Scope.Local project, String path) implements SkillSource {
        public Project {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(path, "path");
        }

        public TrustTier tier() {
            return TrustTier.PROJECT_LOCAL;
        }
    }

    /** Created at runtime. */
    record AdHoc() implements SkillSource {
        public TrustTier tier() {
            return TrustTier.AD_HOC;
        }
    }
}
