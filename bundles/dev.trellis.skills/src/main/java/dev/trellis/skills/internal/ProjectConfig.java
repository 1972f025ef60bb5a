package dev.trellis.skills.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis project skills directory",
        description = "A directory of project-local skills (<name>.md files and <name>/SKILL.md folders), watched:"
                + " edits are re-indexed, broken files reported with their location, deleted files removed.")
@interface ProjectConfig {

    @AttributeDefinition(name = "Project", description = "Project id: the skills are stored in scope local:<project>.")
    String project();

    @AttributeDefinition(name = "Directory", description = "The skills directory; ${trellis.home} is the Trellis"
            + " home. Created if missing.")
    String directory() default "${trellis.home}/skills";

    @AttributeDefinition(name = "Debounce (ms)", min = "0", description = "Quiet time after a change before the"
            + " directory is scanned again (editors write files in several steps).")
    int debounce_ms() default 200;
}
