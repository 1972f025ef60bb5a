package dev.trellis.benchmarks;

import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.sync.MemorySync;
import dev.trellis.api.store.StoreService;
import dev.trellis.memory.internal.MemoryEngine;
import dev.trellis.memory.internal.MemoryServiceImpl;
import dev.trellis.memory.internal.MemorySyncImpl;
import dev.trellis.store.sqlite.internal.SqliteStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The memory stack of the host, wired as SCR wires it: {@link SqliteStore} on
 * {@code <home>/trellis.db} with its default configuration (WAL, synchronous=NORMAL, busy timeout
 * 5 s, 4 read connections), {@link MemoryEngine} with its defaults, and bundle-scoped
 * {@link MemoryServiceImpl} / {@link MemorySyncImpl} instances per "using bundle".
 */
final class TrellisMemory implements AutoCloseable {

    private final Path file;
    private final SqliteStore store;
    private final MemoryEngine engine;
    private final List<Object> components = new ArrayList<>();

    TrellisMemory(Path home) {
        this.file = home.resolve("trellis.db");
        this.store = Components.activate(SqliteStore.class,
                Components.bundleContext(Map.of("trellis.home", home.toString())));
        this.engine = Components.activate(MemoryEngine.class, store);
    }

    /** The database file, for raw baselines on the same file. */
    Path file() {
        return file;
    }

    StoreService store() {
        return store;
    }

    /** The {@link MemoryService} instance DS would give the bundle {@code bsn}. */
    MemoryService memoryFor(String bsn) {
        MemoryServiceImpl s = Components.activate(MemoryServiceImpl.class, engine, Components.usedBy(bsn));
        components.add(s);
        return s;
    }

    /** Binds a {@code SchemaOwner} to the engine, as SCR does when the owning bundle registers it. */
    void bindSchemaOwner(Object owner) {
        Components.bind(engine, "owners", owner, components.size() + 1L);
    }

    /** The {@link MemorySync} instance DS would give the bundle {@code bsn}. */
    MemorySync syncFor(String bsn) {
        MemorySyncImpl s = Components.activate(MemorySyncImpl.class, engine, Components.usedBy(bsn));
        components.add(s);
        return s;
    }

    /** Deactivates in reverse order of activation, as SCR does on shutdown. */
    @Override
    public void close() {
        for (int i = components.size() - 1; i >= 0; i--) {
            Components.deactivate(components.get(i));
        }
        Components.deactivate(engine);
        Components.deactivate(store);
    }
}
