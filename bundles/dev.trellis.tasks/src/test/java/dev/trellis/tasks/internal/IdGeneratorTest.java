package dev.trellis.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.tasks.TaskId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Snowflake ids (task-skill AC1.8, AC1.9): valid, time-ordered, never repeated, also under concurrency. */
class IdGeneratorTest {

    static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        final AtomicLong millis = new AtomicLong(T0.toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void idsAreValidSnowflakesOfTheirNodeAndTime() {
        IdGenerator g = new IdGenerator(5, Clock.fixed(T0, ZoneOffset.UTC));
        TaskId id = g.next();
        assertThat(id).isEqualTo(TaskId.of(T0, 5, 0));
        assertThat(id.createdAt()).isEqualTo(T0);
        assertThat(TaskId.parse(id.format())).isEqualTo(id);
        assertThat(g.next()).isEqualTo(TaskId.of(T0, 5, 1));
    }

    @Test
    void aFullMillisecondAndABackwardClockBorrowTheNextMillisecondInsteadOfRepeating() {
        HandClock clock = new HandClock();
        IdGenerator g = new IdGenerator(1, clock);
        List<TaskId> ids = new ArrayList<>();
        for (int i = 0; i < 4096 + 10; i++) {
            ids.add(g.next());
        }
        assertThat(ids.get(4095)).isEqualTo(TaskId.of(T0, 1, 4095));
        assertThat(ids.get(4096)).isEqualTo(TaskId.of(T0.plusMillis(1), 1, 0));
        clock.millis.addAndGet(-60_000);
        TaskId afterStepBack = g.next();
        assertThat(afterStepBack).isGreaterThan(ids.getLast());
        assertThat(ids).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void advancingPastAStoredIdKeepsLaterIdsAbove() {
        IdGenerator g = new IdGenerator(0, Clock.fixed(T0, ZoneOffset.UTC));
        TaskId stored = TaskId.of(T0.plusSeconds(30), 1023, 4095);
        g.advancePast(stored);
        assertThat(g.next()).isGreaterThan(stored);
        g.advancePast(TaskId.of(T0, 0, 1));
        assertThat(g.next()).isGreaterThan(stored);
    }

    @Test
    void concurrentCreatorsNeverCollide() throws Exception {
        IdGenerator g = new IdGenerator(7, Clock.systemUTC());
        int threads = 8;
        int each = 25_000;
        Set<TaskId> all = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<List<TaskId>> perThread = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<TaskId> mine = new ArrayList<>();
            perThread.add(mine);
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    TaskId id = g.next();
                    mine.add(id);
                    all.add(id);
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertThat(all).hasSize(threads * each);
        // each creator sees its own ids in creation order
        perThread.forEach(ids -> assertThat(ids).isSorted());
    }

    @Test
    void twoNodesInTheSameMillisecondNeverCollide() {
        Clock fixed = Clock.fixed(T0, ZoneOffset.UTC);
        IdGenerator a = new IdGenerator(1, fixed);
        IdGenerator b = new IdGenerator(2, fixed);
        Set<TaskId> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            assertThat(seen.add(a.next())).isTrue();
            assertThat(seen.add(b.next())).isTrue();
        }
    }

    @Test
    void nodeIsChecked() {
        assertThatThrownBy(() -> new IdGenerator(1024, Clock.systemUTC())).hasMessage("task id node must be 0..1023, was 1024");
    }
}
