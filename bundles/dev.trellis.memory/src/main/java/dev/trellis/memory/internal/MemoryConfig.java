package dev.trellis.memory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis memory",
        description = "Limits of the structured memory service.")
@interface MemoryConfig {

    @AttributeDefinition(name = "Default char limit", min = "1",
            description = "Char limit of blocks created without one (e.g. by agent tools).")
    int default_char_limit() default 5000;

    @AttributeDefinition(name = "History depth", min = "1",
            description = "Revisions kept per block; at most depth - 1 steps can be undone.")
    int history_depth() default 100;
}
