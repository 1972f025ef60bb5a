package dev.trellis.api.memory.sync;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens memory-sync subscriptions. Bundle-scoped like {@code MemoryService}: the host knows the
 * subscribing plugin and never delivers it the echo of its own writes (events whose origin is that
 * plugin). Blocks the caller's view may not read are never delivered.
 *
 * <p>Each subscription has its own bounded queue. A listener that falls behind does not slow writers:
 * the host discards its queue and sends {@link SyncEvent.Resync} followed by fresh snapshots.
 * Persistence never depends on subscribers.
 */
@ProviderType
public interface MemorySync {

    /** Queue capacity used by {@link #subscribe(SyncFilter, SyncListener)}. */
    int DEFAULT_QUEUE_DEPTH = 1024;

    /** Subscribes with {@link #DEFAULT_QUEUE_DEPTH}. */
    default Subscription subscribe(SyncFilter filter, SyncListener listener) {
        return subscribe(filter, listener, DEFAULT_QUEUE_DEPTH);
    }

    /**
     * Subscribes; delivery starts asynchronously with the initial snapshots.
     *
     * @param queueDepth capacity of the event queue, 16 to 65536
     * @throws IllegalArgumentException if {@code queueDepth} is out of range
     */
    Subscription subscribe(SyncFilter filter, SyncListener listener, int queueDepth);
}
