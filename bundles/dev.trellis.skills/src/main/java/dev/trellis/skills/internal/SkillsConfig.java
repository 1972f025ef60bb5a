package dev.trellis.skills.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis skills", description = "Skill sources: first-party skills, plugin skills"
        + " (Trellis-Skills header) and how stale plugin skills are cleaned up.")
@interface SkillsConfig {

    @AttributeDefinition(name = "Orphan grace (seconds)", min = "0",
            description = "After start, how long the skills of a plugin that is not active are kept before they are"
                    + " removed. Plugins in deploy/ start after the core, so removing at once would delete and"
                    + " re-create their skill blocks on every restart.")
    int plugin_orphan_grace_seconds() default 60;
}
