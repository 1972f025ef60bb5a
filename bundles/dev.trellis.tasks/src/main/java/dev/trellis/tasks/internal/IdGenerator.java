package dev.trellis.tasks.internal;

import dev.trellis.api.tasks.TaskId;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mints {@link TaskId} snowflakes for one generator node: strictly increasing, so two calls never return the
 * same id, from any number of threads (one compare-and-set per id, no lock). Within a millisecond the
 * sequence counts up; when 4096 ids were taken in one millisecond, or the clock steps back, the generator
 * runs ahead of the clock by borrowing the next millisecond instead of repeating. Different nodes never
 * collide (the node is part of the id).
 */
public final class IdGenerator {

    private static final int SEQUENCE_BITS = 12;
    private static final int MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1;
    private static final int NODE_AND_SEQUENCE_BITS = 10 + SEQUENCE_BITS;

    private final int node;
    private final Clock clock;
    /** The last id handed out (0 = none yet). */
    private final AtomicLong last = new AtomicLong();

    /** @throws IllegalArgumentException if {@code node} is outside 0..1023 */
    public IdGenerator(int node, Clock clock) {
        if (node < 0 || node > 1023) {
            throw new IllegalArgumentException("task id node must be 0..1023, was " + node);
        }
        this.node = node;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public int node() {
        return node;
    }

    /** A fresh id, greater than every id this generator returned or was told about. */
    public TaskId next() {
        long nowMillis = clock.millis() - TaskId.EPOCH.toEpochMilli();
        while (true) {
            long prev = last.get();
            long prevMillis = prev >>> NODE_AND_SEQUENCE_BITS;
            long prevSequence = prev & MAX_SEQUENCE;
            TaskId candidate;
            if (nowMillis > prevMillis) {
                candidate = compose(nowMillis, 0);
            } else if (prevSequence < MAX_SEQUENCE) {
                candidate = compose(prevMillis, (int) prevSequence + 1);
            } else {
                candidate = compose(prevMillis + 1, 0);
            }
            if (candidate.value() > prev && last.compareAndSet(prev, candidate.value())) {
                return candidate;
            }
        }
    }

    /**
     * Makes every later id greater than {@code seen} (e.g. the largest id already stored, so a restart within the
     * same millisecond cannot repeat one).
     */
    public void advancePast(TaskId seen) {
        long millis = seen.value() >>> NODE_AND_SEQUENCE_BITS;
        long floor = compose(millis, MAX_SEQUENCE).value();
        last.accumulateAndGet(floor, Math::max);
    }

    private TaskId compose(long millis, int sequence) {
        return TaskId.of(TaskId.EPOCH.plusMillis(millis), node, sequence);
    }
}
