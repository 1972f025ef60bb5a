package dev.trellis.gateway.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real clock: one daemon platform thread keeps the schedule and hands every due task to a new virtual
 * thread, so a slow task (a provider call, a credential refresh) never delays the others.
 */
final class SystemTimer implements Timer, AutoCloseable {

    private final ScheduledThreadPoolExecutor schedule;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("trellis-gateway-", 0).factory());

    SystemTimer() {
        schedule = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "trellis-gateway-timer");
            t.setDaemon(true);
            return t;
        });
        schedule.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = schedule.schedule(() -> execute(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        workers.execute(task);
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        workers.shutdown();
    }
}
