package dev.trellis.benchmarks;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.WriteResult;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.memory.sync.SyncListener;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.memory.internal.sync.SyncHub;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 3 of issue 4: delta delivery latency from the host to in-process memory-sync
 * subscribers, p50/p99, for 1 subscriber and fanned out to 100. Goal: p99 <= 1 ms.
 *
 * <ul>
 * <li>{@code hubDelivery}: {@link SyncHub#publish} of one {@code Delta} (what the memory engine calls
 * after each commit) until every subscriber's listener has received it: the delivery path alone
 * (filter match, echo check, per-subscriber bounded queue, wake-up of the subscriber's virtual
 * thread, listener call).</li>
 * <li>{@code writeAndDeliver}: {@code MemoryService.apply(Set)} by one plugin until every
 * subscribing plugin's listener has the {@code Delta}: a persisted write plus delivery, end to end
 * through the real engine and SQLite store.</li>
 * </ul>
 * The benchmark thread waits parked until the listener that completes the count wakes it
 * ({@code hubDelivery} also measures a yield-polling wait, see {@link Wait}); a lost event fails the
 * run after 10 s.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SyncBenchmark {

    static final BlockAddress BLOCK = BlockAddress.of(Scope.local("bench"), "shared");
    static final PluginId WRITER = PluginId.of("bench.writer");

    /** Counts the {@code Delta}s all listeners received; {@code ready} opens when every subscription is live. */
    static final class Receivers {

        final AtomicLong deltas = new AtomicLong();
        final CountDownLatch ready;
        /** For {@link Wait#PARK}: the waiting benchmark thread and the count that wakes it. */
        volatile Thread waiter;
        volatile long target = Long.MAX_VALUE;

        Receivers(int subscribers) {
            ready = new CountDownLatch(subscribers);
        }

        SyncListener listener() {
            return event -> {
                switch (event) {
                    case SyncEvent.Delta d -> {
                        if (deltas.incrementAndGet() >= target) {
                            LockSupport.unpark(waiter);
                        }
                    }
                    case SyncEvent.Ready r -> ready.countDown();
                    case SyncEvent.Resync r -> throw new IllegalStateException("subscriber fell behind: " + r);
                    default -> {
                    }
                }
            };
        }

        void awaitReady() throws InterruptedException {
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(ready.getCount() + " subscriptions not ready after 30 s");
            }
        }

        /** Call before the event is published: {@link #awaitDeltas} then waits for {@code total} deltas. */
        void expect(long total) {
            waiter = Thread.currentThread();
            target = total;
        }

        /** Returns once the expected number of deltas arrived in total. */
        void awaitDeltas(Wait wait) {
            long total = target;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (deltas.get() < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + deltas.get() + " of " + total + " deltas arrived within 10 s");
                }
                switch (wait) {
                    case YIELD -> Thread.yield();
                    case PARK -> LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
        }
    }

    /**
     * How the benchmark thread waits: polling with {@code Thread.yield()} (no wake-up of its own in the
     * measured time) or parked until the listener that completes the count unparks it (what a
     * blocking caller would see; adds one thread wake-up).
     */
    public enum Wait {
        YIELD, PARK
    }

    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class Hub {

        @Param({"1", "100"})
        public int subscribers;

        @Param({"YIELD", "PARK"})
        public Wait wait;

        SyncHub hub;
        Receivers receivers;
        SyncEvent delta;
        BlockMetadata metadata;
        long expected;

        @Setup(Level.Trial)
        public void open() throws InterruptedException {
            // snapshots are read once per subscription at start; the benchmark measures live deltas only
            hub = new SyncHub(filter -> List.of());
            receivers = new Receivers(subscribers);
            for (int i = 0; i < subscribers; i++) {
                hub.subscribe(PluginId.of("bench.reader" + i), new SyncFilter.Addresses(List.of(BLOCK)),
                        receivers.listener(), dev.trellis.api.memory.sync.MemorySync.DEFAULT_QUEUE_DEPTH);
            }
            receivers.awaitReady();
            Instant t = Instant.parse("2026-11-01T00:00:00Z");
            metadata = new BlockMetadata(BLOCK, Tier.WORKING, Schema.TEXT, "shared", BlockMetadata.DEFAULT_CHAR_LIMIT,
                    Permission.READ_WRITE, false, t, t, new Author.Plugin(WRITER));
            delta = new SyncEvent.Delta(new Origin.Plugin(WRITER, 0), BLOCK, new MemoryOp.Append(" more"), 2,
                    WriteBenchmark.sha256("shared more"));
        }

        @TearDown(Level.Trial)
        public void close() {
            hub.closeAll();
        }
    }

    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class EndToEnd {

        @Param({"1", "100"})
        public int subscribers;

        Path home;
        TrellisMemory trellis;
        MemoryService writer;
        Receivers receivers;
        final String[] contents = new String[16];
        long expected;

        @Setup(Level.Trial)
        public void open() throws InterruptedException {
            Corpus corpus = new Corpus();
            for (int i = 0; i < contents.length; i++) {
                contents[i] = corpus.document(4, i, 30);
            }
            home = Sqlite.tempHome("sync");
            trellis = new TrellisMemory(home);
            writer = trellis.memoryFor(WRITER.value());
            writer.create(BlockCreate.text(BLOCK, "shared", contents[0]));
            receivers = new Receivers(subscribers);
            for (int i = 0; i < subscribers; i++) {
                trellis.syncFor("bench.reader" + i).subscribe(new SyncFilter.Addresses(List.of(BLOCK)), receivers.listener());
            }
            receivers.awaitReady();
        }

        @TearDown(Level.Trial)
        public void close() {
            try {
                trellis.close();
            } finally {
                Sqlite.delete(home);
            }
        }
    }

    @Benchmark
    public long hubDelivery(Hub s) {
        s.expected += s.subscribers;
        s.receivers.expect(s.expected);
        s.hub.publish(s.delta, s.metadata);
        s.receivers.awaitDeltas(s.wait);
        return s.expected;
    }

    @Benchmark
    public WriteResult writeAndDeliver(EndToEnd s) {
        s.expected += s.subscribers;
        s.receivers.expect(s.expected);
        WriteResult r = s.writer.apply(BLOCK, new MemoryOp.Set(s.contents[(int) (s.expected % s.contents.length)]));
        s.receivers.awaitDeltas(Wait.PARK);
        return r;
    }
}
