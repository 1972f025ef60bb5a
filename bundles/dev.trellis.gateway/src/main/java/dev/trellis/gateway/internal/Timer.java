package dev.trellis.gateway.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Time for the gateway: clocks, delayed tasks and hand-offs to another thread. The host uses
 * {@link SystemTimer}; unit tests use a manual timer, so retries, rate-limit waits and timeouts are tested
 * without waiting in real time.
 */
interface Timer {

    /** Monotonic time for measuring durations. */
    long nanoTime();

    /** Wall-clock time for records people read. */
    Instant now();

    /** Runs {@code task} on another thread after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} on another thread soon. */
    void execute(Runnable task);

    /** A scheduled task that may be called off. */
    interface Cancellable {
        /** Calls the task off if it has not started; idempotent. */
        void cancel();
    }
}
