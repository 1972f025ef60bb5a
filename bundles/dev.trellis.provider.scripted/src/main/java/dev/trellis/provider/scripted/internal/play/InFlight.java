package dev.trellis.provider.scripted.internal.play;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The requests a provider instance is working on. On deactivation the provider closes it (no new requests)
 * and waits, bounded, until the running ones have ended: this is the provider's half of a hot swap without
 * failed requests (the gateway sends no new requests to an unregistered instance).
 *
 * <p>A request counts from the first line of {@code stream()} (a {@link Ticket}), not only once its stream
 * runs: the work in between loads this bundle's classes, which must not happen after a refresh has thrown the
 * bundle's class loader away.
 */
public final class InFlight {

    private final Set<ScriptedStream> streams = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition empty = lock.newCondition();
    private int count;
    private volatile boolean closed;

    /** A request being served; {@link #leave} exactly once. */
    public final class Ticket {
        private boolean left;

        void attach(ScriptedStream s) {
            streams.add(s);
        }

        /** The request is over ({@code s} is its stream, or null if it never started one). */
        public void leave(ScriptedStream s) {
            lock.lock();
            try {
                if (left) {
                    return;
                }
                left = true;
                if (s != null) {
                    streams.remove(s);
                }
                if (--count == 0) {
                    empty.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Counts a new request; null once closed. */
    public Ticket enter() {
        lock.lock();
        try {
            if (closed) {
                return null;
            }
            count++;
            return new Ticket();
        } finally {
            lock.unlock();
        }
    }

    public int count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes no new requests and waits up to {@code bound} for the running ones to end.
     *
     * @return the streams still running after the wait (empty if all ended)
     */
    public List<ScriptedStream> closeAndDrain(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        lock.lock();
        try {
            closed = true;
            while (count > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                empty.await(left, TimeUnit.NANOSECONDS);
            }
            return List.copyOf(streams);
        } finally {
            lock.unlock();
        }
    }
}
