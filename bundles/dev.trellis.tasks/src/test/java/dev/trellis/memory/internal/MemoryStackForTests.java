package dev.trellis.memory.internal;

import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.schema.SchemaOwner;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.store.StoreService;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * TEST WIRING (class path only, not a bundle): the real memory engine on a real store, as SCR wires it in the
 * host, for the tasks bundle's unit tests. Lives in the memory bundle's package to reach its package-private
 * constructors; the tasks bundle itself never sees these classes.
 */
public final class MemoryStackForTests {

    private final MemoryEngine engine;

    public MemoryStackForTests(StoreService store, Clock clock) {
        engine = new MemoryEngine(store, 5000, 100, clock, EnumSet.of(Schema.TASK_LIST), Set.of("dev.trellis.tasks"));
    }

    /** The bundle-scoped MemoryService the bundle {@code bsn} would get. */
    public MemoryService memoryFor(String bsn) {
        return new MemoryServiceImpl(engine, PluginId.of(bsn));
    }

    public void bind(SchemaOwner owner) {
        engine.bindOwner(owner, 0, System.identityHashCode(owner));
    }

    public void unbind(SchemaOwner owner) {
        engine.unbindOwner(owner);
    }

    public String render(dev.trellis.api.memory.Block block) {
        return engine.renderer().block(block);
    }

    public void close() {
        engine.deactivate();
    }
}
