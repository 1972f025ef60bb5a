package dev.trellis.benchmarks;

import dev.trellis.api.tasks.TaskService;
import dev.trellis.tasks.internal.TaskEngine;
import dev.trellis.tasks.internal.TaskIds;
import dev.trellis.tasks.internal.TaskListOwner;
import dev.trellis.tasks.internal.TaskServiceImpl;
import java.nio.file.Path;

/**
 * The tasks bundle on the memory stack, wired as SCR wires it in the host: {@link TaskIds}, the schema owner
 * {@link TaskListOwner} bound to the memory engine, {@link TaskEngine} on the tasks bundle's own bundle-scoped
 * {@code MemoryService}, and {@link TaskServiceImpl} instances per using bundle. All with their default
 * configuration.
 */
final class TrellisTasks implements AutoCloseable {

    private final TrellisMemory memory;
    private final TaskListOwner owner;
    private final TaskEngine engine;

    TrellisTasks(Path home) {
        memory = new TrellisMemory(home);
        TaskIds ids = Components.activate(TaskIds.class, memory.store());
        owner = Components.activate(TaskListOwner.class, ids, memory.store(), Components.silentLogger());
        memory.bindSchemaOwner(owner);
        engine = Components.activate(TaskEngine.class, memory.memoryFor("dev.trellis.tasks"), memory.store(), ids, owner);
    }

    TrellisMemory memory() {
        return memory;
    }

    /** The {@link TaskService} instance DS would give the bundle {@code bsn}. */
    TaskService tasksFor(String bsn) {
        return Components.activate(TaskServiceImpl.class, engine, Components.usedBy(bsn));
    }

    @Override
    public void close() {
        Components.deactivate(owner);
        memory.close();
    }
}
