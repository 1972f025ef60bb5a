package dev.trellis.auth.internal.core;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting between polls (device-code polling, lock retries). Production code parks the thread; tests pass
 * one that advances a fake clock at once, so intervals of seconds or minutes run in no time.
 */
@FunctionalInterface
public interface Pause {

    /** Waits about {@code duration}. @throws InterruptedException if the thread is interrupted (login cancelled) */
    void pause(Duration duration) throws InterruptedException;

    /** Parks the calling thread. */
    Pause REAL = duration -> {
        long deadline = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    };
}
