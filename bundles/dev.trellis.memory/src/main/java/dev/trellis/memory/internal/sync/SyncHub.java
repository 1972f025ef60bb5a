package dev.trellis.memory.internal.sync;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.Subscription;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.memory.sync.SyncListener;
import dev.trellis.api.plugin.PluginId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Fans committed changes out to subscriptions. {@link #publish} never blocks on a subscriber; it
 * skips subscriptions whose filter does not match and the writer's own ones (no echo).
 */
public final class SyncHub {

    public static final int MIN_QUEUE_DEPTH = 16;
    public static final int MAX_QUEUE_DEPTH = 65536;

    private final Map<Long, SubscriptionImpl> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Function<SyncFilter, List<Block>> snapshots;

    /** @param snapshots reads the current blocks matching a filter (called on subscription threads) */
    public SyncHub(Function<SyncFilter, List<Block>> snapshots) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    }

    /**
     * Opens a subscription for {@code subscriber}; delivery starts asynchronously.
     *
     * @throws IllegalArgumentException if {@code queueDepth} is outside 16..65536
     */
    public Subscription subscribe(PluginId subscriber, SyncFilter filter, SyncListener listener, int queueDepth) {
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(listener, "listener");
        if (queueDepth < MIN_QUEUE_DEPTH || queueDepth > MAX_QUEUE_DEPTH) {
            throw new IllegalArgumentException("memory-sync queue depth must be " + MIN_QUEUE_DEPTH + ".."
                    + MAX_QUEUE_DEPTH + ", was " + queueDepth);
        }
        SubscriptionImpl s = new SubscriptionImpl(ids.incrementAndGet(), subscriber, filter, listener, queueDepth,
                snapshots, sub -> subscriptions.remove(sub.id()));
        subscriptions.put(s.id(), s);
        s.start();
        return s;
    }

    /** Offers a committed change about the block described by {@code metadata}. */
    public void publish(SyncEvent event, BlockMetadata metadata) {
        for (SubscriptionImpl s : subscriptions.values()) {
            if (matches(s.filter(), metadata) && !isEcho(s, event.origin())) {
                s.offer(event);
            }
        }
    }

    /**
     * Announces a block replaced at the same address (create-or-replace): subscriptions that match the
     * new block get it whole; those that only matched the old one (e.g. by schema) see it leave.
     */
    public void publishReplacement(Origin origin, Optional<BlockMetadata> before, Block after) {
        for (SubscriptionImpl s : subscriptions.values()) {
            if (isEcho(s, origin)) {
                continue;
            }
            if (matches(s.filter(), after.metadata())) {
                s.offer(new SyncEvent.BlockAvailable(origin, after));
            } else if (before.isPresent() && matches(s.filter(), before.get())) {
                s.offer(new SyncEvent.BlockGone(origin, after.address(), SyncEvent.GoneReason.OUT_OF_SCOPE));
            }
        }
    }

    /** Closes every subscription (host shutdown). */
    public void closeAll() {
        subscriptions.values().forEach(SubscriptionImpl::close);
    }

    /** The open subscriptions, ordered by id. */
    public List<dev.trellis.api.memory.admin.SubscriptionInfo> subscriptions() {
        return subscriptions.values().stream()
                .map(SubscriptionImpl::info)
                .sorted(java.util.Comparator.comparingLong(dev.trellis.api.memory.admin.SubscriptionInfo::id))
                .toList();
    }

    /** Number of open subscriptions. */
    public int size() {
        return subscriptions.size();
    }

    static boolean isEcho(SubscriptionImpl s, Origin origin) {
        return origin instanceof Origin.Plugin p && p.plugin().equals(s.subscriber());
    }

    /** True if the block belongs to the filter's selection. */
    public static boolean matches(SyncFilter filter, BlockMetadata m) {
        return switch (filter) {
            case SyncFilter.ByPattern p -> p.scope().map(m.address().scope()::equals).orElse(true)
                    && m.address().label().startsWith(p.labelPrefix())
                    && p.schema().map(m.schema()::equals).orElse(true);
            case SyncFilter.Addresses a -> a.addresses().contains(m.address());
        };
    }
}
