package dev.trellis.memory.internal;

import dev.trellis.api.memory.sync.MemorySync;
import dev.trellis.api.memory.sync.Subscription;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.memory.sync.SyncListener;
import dev.trellis.api.plugin.PluginId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * {@link MemorySync} with bundle scope: subscriptions belong to the using bundle (its own writes are
 * not echoed back) and are closed when that bundle releases the service or stops.
 */
@Component(service = MemorySync.class, scope = ServiceScope.BUNDLE)
public final class MemorySyncImpl implements MemorySync {

    private final MemoryEngine engine;
    private final PluginId subscriber;
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();

    @Activate
    public MemorySyncImpl(@Reference(name = "engine") MemoryEngine engine, ComponentContext context) {
        this(engine, PluginId.of(context.getUsingBundle().getSymbolicName()));
    }

    MemorySyncImpl(MemoryEngine engine, PluginId subscriber) {
        this.engine = engine;
        this.subscriber = subscriber;
    }

    @Override
    public Subscription subscribe(SyncFilter filter, SyncListener listener, int queueDepth) {
        Subscription s = engine.subscribe(subscriber, filter, listener, queueDepth);
        open.add(s);
        open.removeIf(Subscription::isClosed);
        return s;
    }

    @Deactivate
    void deactivate() {
        open.forEach(Subscription::close);
        open.clear();
    }
}
