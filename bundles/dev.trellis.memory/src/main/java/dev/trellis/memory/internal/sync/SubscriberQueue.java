package dev.trellis.memory.internal.sync;

import dev.trellis.api.memory.sync.SyncEvent;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A subscriber's bounded event queue. Writers never block: when the queue is full it is discarded and
 * the next {@link #take()} asks the worker for a resync instead. A snapshot request also discards
 * queued events, since every queued event was published after its commit and is therefore already in
 * the snapshot the worker is about to read.
 */
final class SubscriberQueue {

    /** What the worker does next. */
    sealed interface Next permits Snapshot, Deliver, Closed {
    }

    /** Read and send fresh snapshots; {@code resync} says whether a {@code Resync} precedes them. */
    record Snapshot(boolean resync, long dropped) implements Next {
    }

    record Deliver(SyncEvent event) implements Next {
    }

    record Closed() implements Next {
    }

    private final int capacity;
    private final ArrayDeque<SyncEvent> events;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean snapshotNeeded = true;
    private boolean overflowed;
    private long dropped;
    private boolean closed;

    SubscriberQueue(int capacity) {
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 256));
    }

    /** Adds an event; on overflow drops everything queued and schedules a resync. */
    void offer(SyncEvent event) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (snapshotNeeded) {
                // the pending snapshot will include this change
                if (overflowed) {
                    dropped++;
                }
                return;
            }
            if (events.size() >= capacity) {
                dropped += events.size() + 1L;
                events.clear();
                overflowed = true;
                snapshotNeeded = true;
            } else {
                events.add(event);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the next thing to do. */
    Next take() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && !snapshotNeeded && events.isEmpty()) {
                changed.await();
            }
            if (closed) {
                return new Closed();
            }
            if (snapshotNeeded) {
                Snapshot s = new Snapshot(overflowed, dropped);
                snapshotNeeded = false;
                overflowed = false;
                dropped = 0;
                events.clear();
                return s;
            }
            return new Deliver(events.poll());
        } finally {
            lock.unlock();
        }
    }

    /**
     * After a failed snapshot read: waits up to {@code millis} (returns early on close), then asks
     * for the snapshot again, as a resync so the subscriber drops what it may have half-received.
     */
    void retrySnapshotAfter(long millis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
            while (!closed && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            snapshotNeeded = true;
            overflowed = true;
            events.clear();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            events.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }
}
