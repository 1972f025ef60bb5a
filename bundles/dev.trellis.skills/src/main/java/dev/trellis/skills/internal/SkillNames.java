package dev.trellis.skills.internal;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.plugin.PluginId;
import java.util.Optional;

/**
 * Where skill blocks live (the label scheme). Skills of every agent (first-party, plugin-installed and
 * shared ad-hoc ones) live in the shared scope {@code global:_skills}; a project's own skills live in
 * its scope:
 *
 * <table>
 *   <tr><th>source</th><th>block</th></tr>
 *   <tr><td>first-party</td><td>{@code global:_skills/first-party/<name>}</td></tr>
 *   <tr><td>plugin {@code <bsn>}</td><td>{@code global:_skills/plugin/<bsn>/<name>}</td></tr>
 *   <tr><td>project {@code <p>} directory</td><td>{@code local:<p>/skills/<name>}</td></tr>
 *   <tr><td>ad-hoc (tool, console)</td><td>{@code <scope>/ad-hoc/<name>}</td></tr>
 * </table>
 *
 * The handle of a skill is its block label; it is looked up in the caller's scope first, then in the
 * shared scope.
 */
final class SkillNames {

    /** Skills every agent sees. */
    static final Scope SHARED = dev.trellis.api.skills.SkillService.SHARED;
    static final String FIRST_PARTY = "first-party/";
    static final String PLUGIN = "plugin/";
    static final String PROJECT = "skills/";
    static final String AD_HOC = "ad-hoc/";

    static final Namespace FIRST_PARTY_SPACE = new Namespace(SHARED, FIRST_PARTY);

    private SkillNames() {
    }

    static Namespace plugin(PluginId plugin) {
        return new Namespace(SHARED, PLUGIN + plugin.value() + "/");
    }

    static Namespace project(Scope.Local project) {
        return new Namespace(project, PROJECT);
    }

    static BlockAddress adHoc(Scope scope, String name) {
        return BlockAddress.of(scope, AD_HOC + name);
    }

    /** The plugin whose namespace holds {@code address}, if it is one. */
    static Optional<PluginId> pluginOf(BlockAddress address) {
        String label = address.label();
        if (!address.scope().equals(SHARED) || !label.startsWith(PLUGIN)) {
            return Optional.empty();
        }
        int slash = label.lastIndexOf('/');
        if (slash <= PLUGIN.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PluginId.of(label.substring(PLUGIN.length(), slash)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** How admin surfaces name a skill: its label in the shared scope, its whole address elsewhere. */
    static String display(BlockAddress address) {
        return address.scope().equals(SHARED) ? address.label() : address.toString();
    }
}
