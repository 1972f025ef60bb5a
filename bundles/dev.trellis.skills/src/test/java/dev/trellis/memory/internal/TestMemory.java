package dev.trellis.memory.internal;

import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.sync.MemorySync;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.store.StoreService;
import java.time.Clock;

/**
 * Test-only door to the memory bundle's engine (same package, test class path only; there is no split
 * package at run time): the real {@link MemoryEngine} on a real store, and the bundle-scoped services as
 * DS would give them to a bundle.
 */
public final class TestMemory implements AutoCloseable {

    private final MemoryEngine engine;

    public TestMemory(StoreService store) {
        this.engine = new MemoryEngine(store, 5000, 100, Clock.systemUTC());
    }

    /** The MemoryService DS gives the bundle {@code bsn}. */
    public MemoryService memoryFor(String bsn) {
        return new MemoryServiceImpl(engine, PluginId.of(bsn));
    }

    /** The MemorySync DS gives the bundle {@code bsn}. */
    public MemorySync syncFor(String bsn) {
        return new MemorySyncImpl(engine, PluginId.of(bsn));
    }

    @Override
    public void close() {
        engine.deactivate();
    }
}
