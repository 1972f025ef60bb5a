package dev.trellis.skills.internal.parse;

import java.util.Map;
import java.util.Optional;

/**
 * The agentskills.io rules for {@code <name>/SKILL.md}: the name matches its directory and is at most
 * 64 characters, a description (1 to 1024 characters) is required, {@code license},
 * {@code compatibility} (at most 500 characters) and {@code allowed-tools} are strings, {@code metadata}
 * maps strings to strings. The fields themselves are kept as extras like any other key.
 */
final class AgentSkillRules {

    static final int MAX_NAME = 64;
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_COMPATIBILITY = 500;

    private AgentSkillRules() {
    }

    static void check(YamlNode.Mapping map, Map<String, YamlNode> byKey, String name, Optional<String> description, String directory) {
        YamlNode nameNode = byKey.get("name");
        if (!name.equals(directory)) {
            throw YamlProblem.at(nameNode, "name: '" + name + "' must match the skill's directory '" + directory
                    + "' (agentskills.io)");
        }
        if (name.length() > MAX_NAME) {
            throw YamlProblem.at(nameNode, "name: at most " + MAX_NAME + " characters (agentskills.io), got " + name.length());
        }
        if (description.isEmpty() || description.get().isBlank()) {
            YamlNode at = byKey.containsKey("description") ? byKey.get("description") : map;
            throw YamlProblem.at(at, "description: required in SKILL.md (agentskills.io): say what the skill does and"
                    + " when to use it");
        }
        if (description.get().length() > MAX_DESCRIPTION) {
            throw YamlProblem.at(byKey.get("description"), "description: at most " + MAX_DESCRIPTION
                    + " characters (agentskills.io), got " + description.get().length());
        }
        SkillFiles.optionalString(byKey.get("license"), "license");
        SkillFiles.optionalString(byKey.get("allowed-tools"), "allowed-tools");
        SkillFiles.optionalString(byKey.get("compatibility"), "compatibility").ifPresent(c -> {
            if (c.length() > MAX_COMPATIBILITY) {
                throw YamlProblem.at(byKey.get("compatibility"), "compatibility: at most " + MAX_COMPATIBILITY
                        + " characters (agentskills.io), got " + c.length());
            }
        });
        YamlNode metadata = byKey.get("metadata");
        if (metadata != null && !(metadata instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL)) {
            if (!(metadata instanceof YamlNode.Mapping m)) {
                throw YamlProblem.at(metadata, "metadata: expected a mapping of strings, got " + YamlNode.describe(metadata));
            }
            for (YamlNode.Entry e : m.entries()) {
                SkillFiles.optionalString(e.value(), "metadata." + e.key().value());
            }
        }
    }
}
