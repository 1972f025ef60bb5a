package dev.trellis.gateway.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Time that moves only when the test says so. Scheduled tasks run in due order during {@link #advance};
 * {@link #execute} hand-offs run at the next {@link #runDue} or {@link #advance}. Single-threaded: everything
 * runs on the test's thread.
 */
final class ManualTimer implements Timer {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final List<Runnable> soon = new ArrayList<>();
    final List<Duration> scheduled = new ArrayList<>();
    private long nanos;
    private long seq;

    private static final class Task implements Comparable<Task> {
        final long due;
        final long seq;
        final Runnable run;
        boolean cancelled;

        Task(long due, long seq, Runnable run) {
            this.due = due;
            this.seq = seq;
            this.run = run;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Instant now() {
        return EPOCH.plusNanos(nanos);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        scheduled.add(delay);
        Task t = new Task(nanos + Math.max(0, delay.toNanos()), seq++, task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    @Override
    public void execute(Runnable task) {
        soon.add(task);
    }

    /** Runs hand-offs and tasks due now, until there are none. */
    void runDue() {
        while (true) {
            if (!soon.isEmpty()) {
                soon.removeFirst().run();
                continue;
            }
            Task t = tasks.peek();
            if (t != null && t.due <= nanos) {
                tasks.poll();
                if (!t.cancelled) {
                    t.run.run();
                }
                continue;
            }
            return;
        }
    }

    /** Moves time forward by {@code d}, running everything that falls due on the way, in order. */
    void advance(Duration d) {
        long target = nanos + d.toNanos();
        runDue();
        while (true) {
            Task t = tasks.peek();
            if (t == null || t.due > target) {
                break;
            }
            nanos = Math.max(nanos, t.due);
            runDue();
        }
        nanos = target;
        runDue();
    }

    /** Live (not cancelled) scheduled tasks. */
    long pendingTasks() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }
}
