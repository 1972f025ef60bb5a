package dev.trellis.itest;

import static dev.trellis.itest.MemoryFixtures.block;
import static dev.trellis.itest.MemoryFixtures.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.plugin.PluginId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Concurrent writers on one block of the live host (SQLite store): 2 threads × 10,000 appends all land,
 * each exactly once, in revision order; a stale set or replace is a {@code Conflict} carrying the
 * current revision and content. Prints the measured append rate.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class MemoryConcurrencyTest {

    static final int THREADS = 2;
    /**
     * Appends per thread: 10,000 as issue 4 asks. The run property exists only to try other sizes by
     * hand (the rate is printed); the committed itest.bndrun does not set it.
     */
    static final String APPENDS_PROPERTY = "itest.memory.appends.per.thread";

    @InjectService(timeout = 10_000)
    MemoryService mem;

    @InjectBundleContext
    BundleContext ctx;

    @Test
    void twoThreadsOfTenThousandAppendsAllLandOnceInRevisionOrder() throws Exception {
        String configured = ctx.getProperty(APPENDS_PROPERTY);
        int appendsPerThread = configured == null ? 10_000 : Integer.parseInt(configured);
        BlockAddress address = BlockAddress.of(Scope.local(MemoryFixtures.unique("conc")), "log");
        String initial = "start\n";
        // each entry is "<t><nnnnn>\n" (7 chars): 20,000 of them fit in 200,000 (more per thread: raise the limit)
        long initialRevision = mem.create(block(address, Tier.WORKING, Schema.TEXT, Permission.READ_WRITE,
                Math.max(200_000, 8 * THREADS * appendsPerThread),
                initial)).revision();
        
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<long[]>> results = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                char tag = (char) ('a' + t);
                results.add(pool.submit(() -> {
                    long[] revisions = new long[appendsPerThread];
                    start.await();
                    for (int i = 0; i < appendsPerThread; i++) {
                        revisions[i] = mem.apply(address, new MemoryOp.Append(entry(tag, i))).revision();
                    }
                    return revisions;
                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            List<long[]> revisionsByThread = new ArrayList<>();
            for (Future<long[]> f : results) {
                revisionsByThread.add(f.get(10, TimeUnit.MINUTES));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            int total = THREADS * appendsPerThread;
            System.out.printf("MemoryConcurrencyTest: %d appends by %d threads on one text block in %.2f s = %.0f appends/s"
                    + " (final content %d chars)%n", total, THREADS, seconds, total / seconds, initial.length() + 7 * total);

            // every append got its own revision: together exactly initial+1 .. initial+20000
            long[] all = revisionsByThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            assertThat(all).containsExactly(LongStream.rangeClosed(initialRevision + 1, initialRevision + total).toArray());
            Map<String, Long> revisionOf = new HashMap<>();
            for (int t = 0; t < THREADS; t++) {
                long[] revisions = revisionsByThread.get(t);
                for (int i = 0; i < appendsPerThread; i++) {
                    if (i > 0) {
                        assertThat(revisions[i]).as("thread %d append %d", t, i).isGreaterThan(revisions[i - 1]);
                    }
                    revisionOf.put(entry((char) ('a' + t), i), revisions[i]);
                }
            }

            Block last = mem.read(address).orElseThrow();
            assertThat(last.revision()).isEqualTo(initialRevision + total);
            assertThat(last.metadata().lastAuthor()).isEqualTo(new Author.Plugin(PluginId.of("dev.trellis.itest")));
            // the content lists every entry once, in the order of the revisions the writers were given
            assertThat(last.content()).startsWith(initial);
            String[] lines = last.content().substring(initial.length()).split("\n");
            assertThat(lines).hasSize(total);
            for (int k = 0; k < total; k++) {
                assertThat(revisionOf.get(lines[k] + "\n")).as("line %d '%s'", k, lines[k])
                        .isEqualTo(initialRevision + 1 + k);
            }

            // history keeps the newest revisions: consecutive, each the content after exactly its append
            List<HistoryEntry> history = mem.history(address, 50);
            assertThat(history).hasSize(50);
            for (int k = 0; k < history.size(); k++) {
                HistoryEntry h = history.get(k);
                long revision = last.revision() - k;
                assertThat(h.revision()).isEqualTo(revision);
                assertThat(h.opKind()).isEqualTo("append");
                assertThat(h.author()).isEqualTo(new Author.Plugin(PluginId.of("dev.trellis.itest")));
                int entries = (int) (revision - initialRevision);
                assertThat(h.content()).isEqualTo(last.content().substring(0, initial.length() + 7 * entries));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String entry(char tag, int i) {
        return tag + String.format("%05d", i) + "\n";
    }

    @Test
    void aStaleSetOrReplaceIsAConflictWithTheCurrentRevisionAndContent() {
        BlockAddress address = BlockAddress.of(Scope.local(MemoryFixtures.unique("conflict")), "doc");
        long r1 = mem.create(block(address, Tier.CORE, Schema.TEXT, Permission.READ_WRITE, 5000, "one")).revision();
        long r2 = mem.apply(address, new MemoryOp.Set("two"), r1).revision();
        assertThat(r2).isEqualTo(r1 + 1);

        assertThat(errorOf(() -> mem.apply(address, new MemoryOp.Set("lost update"), r1)))
                .isEqualTo(new MemoryError.Conflict(address, r1, r2, "two"));
        assertThat(errorOf(() -> mem.apply(address, new MemoryOp.Replace("two", "2"), r1)))
                .isEqualTo(new MemoryError.Conflict(address, r1, r2, "two"));
        assertThat(mem.read(address)).map(b -> b.revision() + ":" + b.content()).contains(r2 + ":two");

        // an append commutes: a stale expected revision does not stop it
        assertThat(mem.apply(address, new MemoryOp.Append("+"), r1).revision()).isEqualTo(r2 + 1);
        // and the set that lost the race succeeds once it names the current revision
        assertThat(mem.apply(address, new MemoryOp.Set("three"), r2 + 1).revision()).isEqualTo(r2 + 2);
        assertThat(mem.read(address)).map(b -> b.revision() + ":" + b.content()).contains((r2 + 2) + ":three");
    }
}
