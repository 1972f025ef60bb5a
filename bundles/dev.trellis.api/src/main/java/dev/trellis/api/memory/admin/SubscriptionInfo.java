package dev.trellis.api.memory.admin;

import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.plugin.PluginId;
import java.util.Objects;

/**
 * One open memory-sync subscription as an operator sees it.
 *
 * @param id            the subscription id ({@code Subscription.id()})
 * @param subscriber    the bundle that subscribed
 * @param filter        which blocks it follows
 * @param queueCapacity capacity of its event queue ({@code Subscription.queueDepth()})
 * @param queued        events waiting for its listener now: how far it lags behind the committed state
 * @param resyncs       how often its queue overflowed so far and it was sent {@code Resync} and fresh snapshots
 */
public record SubscriptionInfo(long id, PluginId subscriber, SyncFilter filter, int queueCapacity, int queued,
        long resyncs) {
    public SubscriptionInfo {
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(filter, "filter");
        if (id < 1 || queueCapacity < 1 || queued < 0 || resyncs < 0) {
            throw new IllegalArgumentException("subscription " + id + ": id and capacity must be >= 1, queued and"
                    + " resyncs >= 0, were capacity=" + queueCapacity + " queued=" + queued + " resyncs=" + resyncs);
        }
    }
}
