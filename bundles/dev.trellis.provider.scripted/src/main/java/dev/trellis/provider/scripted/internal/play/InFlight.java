package dev.trellis.provider.scripted.internal.play;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The streams a provider instance is playing. On deactivation the provider closes it (no new streams) and
 * waits, bounded, until the running ones have ended: this is the provider's half of a hot swap without
 * failed requests (the gateway sends no new requests to an unregistered instance).
 */
public final class InFlight {

    private final Set<ScriptedStream> streams = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition empty = lock.newCondition();
    private volatile boolean closed;

    /** Registers a starting stream; false once closed. */
    boolean add(ScriptedStream s) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            streams.add(s);
            return true;
        } finally {
            lock.unlock();
        }
    }

    void remove(ScriptedStream s) {
        lock.lock();
        try {
            if (streams.remove(s) && streams.isEmpty()) {
                empty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public int count() {
        return streams.size();
    }

    public boolean closed() {
        return closed;
    }

    /**
     * Takes no new streams and waits up to {@code bound} for the running ones to end.
     *
     * @return the streams still running after the wait (empty if all ended)
     */
    public List<ScriptedStream> closeAndDrain(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        lock.lock();
        try {
            closed = true;
            while (!streams.isEmpty()) {
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
