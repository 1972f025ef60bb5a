package dev.trellis.memory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis memory",
        description = "Limits of the structured memory service, schema owners, and who may write for others.")
@interface MemoryConfig {

    @AttributeDefinition(name = "Default char limit", min = "1",
            description = "Char limit of blocks created without one (e.g. by agent tools).")
    int default_char_limit() default 5000;

    @AttributeDefinition(name = "History depth", min = "1",
            description = "Revisions kept per block; at most depth - 1 steps can be undone.")
    int history_depth() default 100;

    @AttributeDefinition(name = "Schemas that need their owner",
            description = "Blocks of these schemas are written only while a SchemaOwner service for the schema is"
                    + " registered (it keeps their index in the same transaction); while it is away such writes are"
                    + " refused and can be retried. Schema ids, e.g. task-list.")
    String[] owned_schemas() default {"task-list"};

    @AttributeDefinition(name = "Bundles that may write for others",
            description = "Symbolic names of the bundles whose MemoryService may author writes as an agent, person"
                    + " or other plugin (MemoryService.actingFor): host bundles that run tool calls or act for the"
                    + " console user.")
    String[] delegate_bundles() default {"dev.trellis.tasks", "dev.trellis.skills", "dev.trellis.agent",
        "dev.trellis.console", "dev.trellis.shell"};
}
