package dev.trellis.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.sync.MemorySync;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.Subscription;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.plugin.PluginId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Memory-sync on the live host: snapshots, Ready, then deltas in revision order; no echo of a
 * bundle's own writes (echo suppression is per subscribing bundle); a slow subscriber gets Resync and
 * fresh snapshots; a restart of the memory bundle closes subscriptions, and after rebinding a fresh
 * subscription sees current snapshots with every acknowledged write.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class MemorySyncLiveTest {

    static final String PROBE = "dev.trellis.itest.memory.sync.probe";
    static final Origin.Plugin FROM_ITEST = new Origin.Plugin(PluginId.of("dev.trellis.itest"), 0);
    static final Origin.Plugin FROM_PROBE = new Origin.Plugin(PluginId.of(PROBE), 0);
    static final Duration WAIT = Duration.ofSeconds(20);

    @InjectBundleContext
    BundleContext ctx;

    @InjectService(timeout = 10_000)
    MemoryService mem;

    @InjectService(timeout = 10_000)
    MemorySync sync;

    Bundle probe;
    Scope scope;
    final List<Subscription> opened = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        probe = MemoryFixtures.installProbe(ctx, PROBE);
        scope = Scope.local(MemoryFixtures.unique("sync"));
    }

    @AfterEach
    void tearDown() throws Exception {
        opened.forEach(Subscription::close);
        probe.uninstall();
    }

    /** Events in arrival order. */
    private Subscription subscribe(MemorySync via, SyncFilter filter, List<SyncEvent> into, int depth) {
        Subscription s = via.subscribe(filter, into::add, depth);
        opened.add(s);
        return s;
    }

    private static String describe(SyncEvent e) {
        return switch (e) {
            case SyncEvent.BlockAvailable a -> "available " + a.block().address().label() + "@" + a.block().revision()
                    + " " + a.block().content();
            case SyncEvent.Ready r -> "ready";
            case SyncEvent.Delta d -> "delta " + d.address().label() + "@" + d.revision() + " " + d.op();
            case SyncEvent.MetadataChanged m -> "metadata " + m.metadata().address().label();
            case SyncEvent.BlockGone g -> "gone " + g.address().label() + " " + g.reason();
            case SyncEvent.Resync r -> "resync";
        };
    }

    private static List<String> described(List<SyncEvent> events) {
        return events.stream().map(MemorySyncLiveTest::describe).toList();
    }

    @Test
    void snapshotsThenReadyThenDeltasInRevisionOrderWithoutEcho() {
        BlockAddress a = BlockAddress.of(scope, "a");
        BlockAddress b = BlockAddress.of(scope, "b");
        mem.create(BlockCreate.text(a, "", "one"));
        mem.create(BlockCreate.text(b, "", "two"));
        List<SyncEvent> events = new CopyOnWriteArrayList<>();
        subscribe(sync, SyncFilter.scope(scope), events, MemorySync.DEFAULT_QUEUE_DEPTH);
        await("snapshots and Ready").atMost(WAIT).until(() -> events.size() >= 3);
        assertThat(described(events)).containsExactly("available a@1 one", "available b@1 two", "ready");

        MemoryService probeMem = MemoryFixtures.serviceOf(probe, MemoryService.class);
        probeMem.apply(a, new MemoryOp.Append("!"));            // a@2
        mem.apply(a, new MemoryOp.Append("?"));                 // a@3, the itest's own: not echoed
        probeMem.apply(b, new MemoryOp.Set("deux"));            // b@2
        mem.apply(b, new MemoryOp.Set("zwei"));                 // b@3, own
        probeMem.apply(a, new MemoryOp.Replace("one", "uno"));  // a@4
        BlockAddress c = BlockAddress.of(scope, "c");
        probeMem.create(new BlockCreate(c, dev.trellis.api.memory.Tier.WORKING, dev.trellis.api.memory.Schema.TEXT, "",
                5000, dev.trellis.api.memory.Permission.ADMIN, false, "three")); // c@1
        probeMem.apply(c, new MemoryOp.Delete());               // gone

        await("probe's changes").atMost(WAIT).until(() -> events.size() >= 8);
        assertThat(described(events).subList(3, events.size())).containsExactly(
                "delta a@2 " + new MemoryOp.Append("!"),
                "delta b@2 " + new MemoryOp.Set("deux"),
                "delta a@4 " + new MemoryOp.Replace("one", "uno"),
                "available c@1 three",
                "gone c DELETED");
        assertThat(events.subList(3, events.size())).extracting(SyncEvent::origin).containsOnly(FROM_PROBE);
        // the hash of a delta is the content after it
        SyncEvent.Delta last = (SyncEvent.Delta) events.get(5);
        assertThat(last.contentHash()).isEqualTo(mem.read(a).orElseThrow().contentHash());
        assertThat(mem.read(a)).map(Block::content).contains("uno!?");
    }

    @Test
    void echoSuppressionIsPerSubscribingBundle() {
        BlockAddress x = BlockAddress.of(scope, "x");
        mem.create(BlockCreate.text(x, "", "0"));
        List<SyncEvent> itestEvents = new CopyOnWriteArrayList<>();
        List<SyncEvent> probeEvents = new CopyOnWriteArrayList<>();
        subscribe(sync, SyncFilter.scope(scope), itestEvents, MemorySync.DEFAULT_QUEUE_DEPTH);
        subscribe(MemoryFixtures.serviceOf(probe, MemorySync.class), SyncFilter.scope(scope), probeEvents,
                MemorySync.DEFAULT_QUEUE_DEPTH);
        await().atMost(WAIT).until(() -> itestEvents.size() >= 2 && probeEvents.size() >= 2);

        MemoryService probeMem = MemoryFixtures.serviceOf(probe, MemoryService.class);
        mem.apply(x, new MemoryOp.Append("i"));       // x@2 by itest
        probeMem.apply(x, new MemoryOp.Append("p"));  // x@3 by probe
        mem.apply(x, new MemoryOp.Append("j"));       // x@4 by itest

        await().atMost(WAIT).until(() -> itestEvents.size() >= 3 && probeEvents.size() >= 4);
        // each bundle sees only the other's writes, in revision order
        assertThat(described(itestEvents)).containsExactly("available x@1 0", "ready",
                "delta x@3 " + new MemoryOp.Append("p"));
        assertThat(described(probeEvents)).containsExactly("available x@1 0", "ready",
                "delta x@2 " + new MemoryOp.Append("i"), "delta x@4 " + new MemoryOp.Append("j"));
        assertThat(itestEvents.get(2).origin()).isEqualTo(FROM_PROBE);
        assertThat(probeEvents.subList(2, 4)).extracting(SyncEvent::origin).containsOnly(FROM_ITEST);
    }

    @Test
    void aSubscriberThatFallsBehindGetsResyncAndCurrentSnapshots() throws Exception {
        BlockAddress hot = BlockAddress.of(scope, "hot");
        mem.create(BlockCreate.text(hot, "", ""));
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<SyncEvent> events = new CopyOnWriteArrayList<>();
        AtomicBoolean first = new AtomicBoolean(true);
        Subscription s = MemoryFixtures.serviceOf(probe, MemorySync.class).subscribe(SyncFilter.scope(scope), e -> {
            events.add(e);
            if (first.getAndSet(false)) {
                inListener.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }, 16);
        opened.add(s);
        assertThat(inListener.await(20, TimeUnit.SECONDS)).isTrue();
        // 40 writes while the listener is stuck: more than the queue of 16 holds
        for (int i = 0; i < 40; i++) {
            mem.apply(hot, new MemoryOp.Append("."));
        }
        release.countDown();
        await("resync and fresh snapshot").atMost(WAIT)
                .until(() -> described(events).contains("available hot@41 " + ".".repeat(40)));
        await().atMost(WAIT).until(() -> described(events).getLast().equals("ready"));
        List<String> seen = described(events);
        int resync = seen.indexOf("resync");
        assertThat(resync).as("a Resync in %s", seen).isGreaterThan(0);
        assertThat(seen.subList(0, 1)).containsExactly("available hot@1 ");
        assertThat(seen.subList(resync, seen.size())).containsExactly("resync", "available hot@41 " + ".".repeat(40), "ready");
        // 16 queued + the one that overflowed, then each later write while the resync is pending
        assertThat(((SyncEvent.Resync) events.get(resync)).dropped()).isEqualTo(40);
    }

    @Test
    void restartingTheMemoryBundleLosesNoAcknowledgedWriteAndRebindingGivesCurrentSnapshots(
            @InjectService(cardinality = 0) ServiceAware<MemoryService> memories) throws Exception {
        Bundle memoryBundle = Arrays.stream(ctx.getBundles())
                .filter(b -> b.getSymbolicName().equals("dev.trellis.memory")).findFirst().orElseThrow();
        BlockAddress log = BlockAddress.of(scope, "acked");
        mem.create(new BlockCreate(log, dev.trellis.api.memory.Tier.WORKING, dev.trellis.api.memory.Schema.TEXT, "",
                100_000, dev.trellis.api.memory.Permission.READ_WRITE, false, ""));

        // the probe subscribes (the itest writes, and would not see its own writes)
        List<SyncEvent> before = new CopyOnWriteArrayList<>();
        Subscription old = subscribe(MemoryFixtures.serviceOf(probe, MemorySync.class), SyncFilter.scope(scope), before,
                MemorySync.DEFAULT_QUEUE_DEPTH);
        await().atMost(WAIT).until(() -> before.size() >= 2);

        // one writer keeps appending through whatever MemoryService is current, across the restart
        List<String> acked = new CopyOnWriteArrayList<>();
        List<String> failed = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger attempt = new AtomicInteger();
        Thread writer = Thread.ofPlatform().name("itest-memory-writer").start(() -> {
            while (!stop.get()) {
                MemoryService current;
                try {
                    current = memories.waitForService(10_000);
                } catch (InterruptedException e) {
                    return;
                }
                if (current == null) {
                    continue;
                }
                String token = "w" + attempt.incrementAndGet() + ";";
                try {
                    current.apply(log, new MemoryOp.Append(token));
                    acked.add(token);
                } catch (MemoryException | IllegalStateException e) {
                    failed.add(token + " " + e);
                }
            }
        });
        try {
            await().atMost(WAIT).until(() -> acked.size() >= 50);
            memoryBundle.stop();
            await("subscriptions closed with the bundle").atMost(WAIT).until(old::isClosed);
            int ackedWhileStopped = acked.size();
            memoryBundle.start();
            await("memory services back").atMost(WAIT)
                    .until(() -> ctx.getServiceReference(MemorySync.class) != null && memories.getService() != null);
            await("writes after the restart").atMost(WAIT).until(() -> acked.size() >= ackedWhileStopped + 50);
        } finally {
            stop.set(true);
            writer.join(30_000);
            if (memoryBundle.getState() != Bundle.ACTIVE) {
                memoryBundle.start();
            }
        }
        assertThat(writer.isAlive()).isFalse();

        // the old subscription saw deltas in revision order, then nothing more
        List<SyncEvent.Delta> deltas = before.stream().filter(SyncEvent.Delta.class::isInstance)
                .map(SyncEvent.Delta.class::cast).toList();
        for (int i = 0; i < deltas.size(); i++) {
            assertThat(deltas.get(i).revision()).isEqualTo(2 + i);
        }

        // a fresh service reads every acknowledged write exactly once, in order, and no failed one
        MemoryService fresh = memories.waitForService(10_000);
        Block now = fresh.read(log).orElseThrow();
        assertThat(now.content()).isEqualTo(String.join("", acked));
        assertThat(now.revision()).isEqualTo(1 + acked.size());
        for (String f : failed) {
            assertThat(now.content()).doesNotContain(f.substring(0, f.indexOf(';') + 1));
        }

        // rebinding: a new subscription (through the new service) starts with the current snapshot
        List<SyncEvent> after = new CopyOnWriteArrayList<>();
        subscribe(MemoryFixtures.serviceOf(probe, MemorySync.class), SyncFilter.scope(scope), after,
                MemorySync.DEFAULT_QUEUE_DEPTH);
        await().atMost(WAIT).until(() -> after.size() >= 2);
        assertThat(described(after)).containsExactly("available acked@" + now.revision() + " " + now.content(), "ready");
        fresh.apply(log, new MemoryOp.Append("end;"));
        await().atMost(WAIT).until(() -> after.size() >= 3);
        assertThat(described(after).get(2)).isEqualTo("delta acked@" + (now.revision() + 1) + " " + new MemoryOp.Append("end;"));
        System.out.printf("MemorySyncLiveTest: %d writes acknowledged across a memory bundle restart, %d failed: %s%n",
                acked.size(), failed.size(), failed.stream().limit(3).toList());
    }
}
