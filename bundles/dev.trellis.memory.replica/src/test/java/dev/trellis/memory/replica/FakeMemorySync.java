package dev.trellis.memory.replica;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.sync.MemorySync;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.Subscription;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.memory.sync.SyncListener;

/**
 * TEST DOUBLE of the host's {@link MemorySync}: holds the one subscription a replica opens and delivers
 * events synchronously on the calling (test) thread when told to, like the host's single delivery thread.
 */
final class FakeMemorySync implements MemorySync {

    private final FakeMemoryService memory;
    SyncFilter filter;
    private SyncListener listener;
    private volatile boolean closed;
    int queueDepth;

    FakeMemorySync(FakeMemoryService memory) {
        this.memory = memory;
    }

    @Override
    public Subscription subscribe(SyncFilter filter, SyncListener listener, int queueDepth) {
        if (this.listener != null) {
            throw new IllegalStateException("test double supports one subscription");
        }
        this.filter = filter;
        this.listener = listener;
        this.queueDepth = queueDepth;
        return new Subscription() {
            @Override
            public long id() {
                return 1;
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
                closed = true;
            }
        };
    }

    /** Delivers one event unless the subscription is closed (the host stops delivery on close). */
    void deliver(SyncEvent event) {
        if (!closed) {
            listener.onEvent(event);
        }
    }

    /** The host's snapshot phase: every matching stored block, then Ready. */
    void snapshot() {
        for (Block b : memory.matching(filter)) {
            deliver(new SyncEvent.BlockAvailable(Origin.HOST, b));
        }
        deliver(new SyncEvent.Ready(Origin.HOST));
    }

    boolean isClosed() {
        return closed;
    }
}
