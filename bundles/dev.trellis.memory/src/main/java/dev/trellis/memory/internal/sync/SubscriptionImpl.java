package dev.trellis.memory.internal.sync;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.Subscription;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.memory.sync.SyncListener;
import dev.trellis.api.plugin.PluginId;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/** One subscription: its queue and the virtual thread that drains it into the listener. */
public final class SubscriptionImpl implements Subscription {

    private static final System.Logger LOG = System.getLogger(SubscriptionImpl.class.getName());

    /** Wait before reading snapshots again after the store failed. */
    static final long SNAPSHOT_RETRY_MILLIS = 1000;

    private final long id;
    private final PluginId subscriber;
    private final SyncFilter filter;
    private final SyncListener listener;
    private final SubscriberQueue queue;
    private final int queueDepth;
    private final Function<SyncFilter, List<Block>> snapshots;
    private final Consumer<SubscriptionImpl> onClose;
    /** Held while the listener runs, so close() returns only after any running callback. */
    private final ReentrantLock delivery = new ReentrantLock();
    private final java.util.concurrent.atomic.AtomicLong resyncs = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;
    private Thread worker;

    SubscriptionImpl(long id, PluginId subscriber, SyncFilter filter, SyncListener listener, int queueDepth,
            Function<SyncFilter, List<Block>> snapshots, Consumer<SubscriptionImpl> onClose) {
        this.id = id;
        this.subscriber = subscriber;
        this.filter = filter;
        this.listener = listener;
        this.queue = new SubscriberQueue(queueDepth);
        this.queueDepth = queueDepth;
        this.snapshots = snapshots;
        this.onClose = onClose;
    }

    void start() {
        worker = Thread.ofVirtual().name("trellis-memory-sync-" + id).start(this::run);
    }

    PluginId subscriber() {
        return subscriber;
    }

    SyncFilter filter() {
        return filter;
    }

    void offer(SyncEvent event) {
        queue.offer(event);
    }

    /** What the console shows: who, what, how full the queue is (the lag) and how often it fell behind. */
    dev.trellis.api.memory.admin.SubscriptionInfo info() {
        return new dev.trellis.api.memory.admin.SubscriptionInfo(id, subscriber, filter, queueDepth, queue.size(),
                resyncs.get());
    }

    private void run() {
        try {
            while (true) {
                switch (queue.take()) {
                    case SubscriberQueue.Closed c -> {
                        return;
                    }
                    case SubscriberQueue.Deliver d -> deliver(d.event());
                    case SubscriberQueue.Snapshot s -> snapshot(s);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void snapshot(SubscriberQueue.Snapshot s) throws InterruptedException {
        List<Block> blocks;
        try {
            blocks = snapshots.apply(filter);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "memory-sync subscription " + id + " of " + subscriber
                    + ": reading snapshots failed, retrying: " + e.getMessage(), e);
            queue.retrySnapshotAfter(SNAPSHOT_RETRY_MILLIS);
            return;
        }
        if (s.resync()) {
            resyncs.incrementAndGet();
            deliver(new SyncEvent.Resync(Origin.HOST, s.dropped()));
        }
        for (Block b : blocks) {
            deliver(new SyncEvent.BlockAvailable(Origin.HOST, b));
        }
        deliver(new SyncEvent.Ready(Origin.HOST));
    }

    private void deliver(SyncEvent event) {
        delivery.lock();
        try {
            if (closed) {
                return;
            }
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "memory-sync listener of " + subscriber + " (subscription " + id + ") threw on "
                    + event.getClass().getSimpleName() + "; event skipped", e);
        } finally {
            delivery.unlock();
        }
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public int queueDepth() {
        return queueDepth;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        queue.close();
        delivery.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            delivery.unlock();
        }
        onClose.accept(this);
    }

    /** Waits for the delivery thread to end (after {@link #close()}). @return true if it ended */
    public boolean awaitWorker(java.time.Duration timeout) throws InterruptedException {
        return worker.join(timeout);
    }
}
