package dev.trellis.tasks.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis tasks", description = "Task lists kept in memory blocks of schema task-list.")
@interface TasksConfig {

    @AttributeDefinition(name = "Id node", min = "-1", max = "1023",
            description = "Generator node of task ids, 0..1023; hosts sharing one store need different nodes. -1 picks a"
                    + " random node at start (fine for one host: ids also stay ahead of every stored id).")
    int node_id() default -1;

    @AttributeDefinition(name = "Char limit of new lists", min = "1",
            description = "Char limit of task-list blocks the task service creates (the JSON of all items counts).")
    int list_char_limit() default 1_000_000;

    @AttributeDefinition(name = "Write retries", min = "1",
            description = "How often a task change is retried when another writer changed the list in between.")
    int write_retries() default 16;
}
