package dev.trellis.tasks.internal;

import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.store.StoreService;
import dev.trellis.memory.internal.MemoryStackForTests;
import java.time.Clock;

/** TEST WIRING: the tasks components on a memory stack, as SCR wires them, for tests of other packages. */
public final class TestTasks {

    private TestTasks() {
    }

    /** Binds a fresh owner into {@code stack} and returns an engine writing through {@code memory}. */
    public static TaskEngine engine(MemoryStackForTests stack, MemoryService memory, StoreService store) {
        TaskIds ids = new TaskIds(1, Clock.systemUTC());
        stack.bind(new TaskListOwner(ids));
        return new TaskEngine(memory, store, ids, 1_000_000, 16);
    }
}
