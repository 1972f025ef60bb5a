package dev.trellis.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.MetadataPatch;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.Subscription;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.memory.sync.SyncListener;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.memory.internal.core.Hashes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemorySyncImplTest {

    static final PluginId ME = PluginId.of("org.example.replica");
    static final PluginId OTHER = PluginId.of("org.example.writer");
    static final BlockAddress A = BlockAddress.parse("local:proj/a");
    static final BlockAddress B = BlockAddress.parse("local:proj/b");

    final InMemoryStore store = new InMemoryStore();
    final MemoryEngine engine = new MemoryEngine(store, 5000, 10, Clock.systemUTC());
    final MemoryService mine = new MemoryServiceImpl(engine, ME);
    final MemoryService theirs = new MemoryServiceImpl(engine, OTHER);
    final MemorySyncImpl sync = new MemorySyncImpl(engine, ME);
    final BlockingQueue<SyncEvent> received = new LinkedBlockingQueue<>();

    @AfterEach
    void closeAll() {
        engine.deactivate();
    }

    SyncEvent next() throws InterruptedException {
        SyncEvent e = received.poll(5, TimeUnit.SECONDS);
        assertThat(e).as("event within 5 s").isNotNull();
        return e;
    }

    static final Origin THEIRS = new Origin.Plugin(OTHER, 0);

    @Test
    void snapshotsThenReadyThenLiveChangesWithoutEcho() throws Exception {
        theirs.create(BlockCreate.text(A, "", "a1"));
        theirs.create(BlockCreate.text(B, "", "b1"));
        theirs.create(BlockCreate.text(BlockAddress.parse("local:elsewhere/a"), "", "x"));
        Subscription s = sync.subscribe(SyncFilter.scope(Scope.local("proj")), received::add);
        assertThat(s.id()).isPositive();
        assertThat(s.queueDepth()).isEqualTo(1024);

        SyncEvent e1 = next();
        SyncEvent e2 = next();
        assertThat(e1).isInstanceOfSatisfying(SyncEvent.BlockAvailable.class, e -> {
            assertThat(e.block().address()).isEqualTo(A);
            assertThat(e.origin()).isEqualTo(Origin.HOST);
        });
        assertThat(e2).isInstanceOfSatisfying(SyncEvent.BlockAvailable.class, e -> assertThat(e.block().content()).isEqualTo("b1"));
        assertThat(next()).isEqualTo(new SyncEvent.Ready(Origin.HOST));

        mine.apply(A, new MemoryOp.Append(" mine"));          // own write: no echo
        theirs.apply(A, new MemoryOp.Append(" theirs"));      // rev 3
        theirs.apply(BlockAddress.parse("local:elsewhere/a"), new MemoryOp.Append("!"));  // filtered out
        theirs.apply(B, new MemoryOp.PatchMetadata(MetadataPatch.NONE.withPinned(true)));
        theirs.create(BlockCreate.text(BlockAddress.parse("local:proj/c"), "", "c1"));

        assertThat(next()).isEqualTo(new SyncEvent.Delta(THEIRS, A, new MemoryOp.Append(" theirs"), 3,
                Hashes.sha256("a1 mine theirs")));
        assertThat(next()).isInstanceOfSatisfying(SyncEvent.MetadataChanged.class, e -> {
            assertThat(e.origin()).isEqualTo(THEIRS);
            assertThat(e.metadata().pinned()).isTrue();
        });
        assertThat(next()).isInstanceOfSatisfying(SyncEvent.BlockAvailable.class,
                e -> assertThat(e.block().address().label()).isEqualTo("c"));
        s.close();
        assertThat(s.isClosed()).isTrue();
        assertThat(received).isEmpty();
    }

    @Test
    void addressFilterSeesCreationUndoAndDeletion() throws Exception {
        sync.subscribe(new SyncFilter.Addresses(List.of(A)), received::add);
        assertThat(next()).isEqualTo(new SyncEvent.Ready(Origin.HOST));
        theirs.create(new BlockCreate(A, Tier.CORE, Schema.TEXT, "", 100, Permission.ADMIN, false, "v1"));
        theirs.create(BlockCreate.text(B, "", "not followed"));
        theirs.apply(A, new MemoryOp.Set("v2"));
        theirs.undo(A);
        theirs.apply(A, new MemoryOp.Delete());
        assertThat(next()).isInstanceOf(SyncEvent.BlockAvailable.class);
        assertThat(next()).isInstanceOf(SyncEvent.Delta.class);
        assertThat(next()).isEqualTo(new SyncEvent.Delta(THEIRS, A, new MemoryOp.Set("v1"), 3, Hashes.sha256("v1")));
        assertThat(next()).isEqualTo(new SyncEvent.BlockGone(THEIRS, A, SyncEvent.GoneReason.DELETED));
    }

    @Test
    void replacementLeavesSchemaFilteredSubscriptions() throws Exception {
        theirs.create(new BlockCreate(A, Tier.WORKING, Schema.TEXT, "", 100, Permission.ADMIN, false, "t"));
        BlockingQueue<SyncEvent> texts = new LinkedBlockingQueue<>();
        sync.subscribe(new SyncFilter.ByPattern(Optional.empty(), "", Optional.of(Schema.TEXT)), texts::add);
        sync.subscribe(new SyncFilter.Addresses(List.of(A)), received::add);
        assertThat(texts.poll(5, TimeUnit.SECONDS)).isInstanceOf(SyncEvent.BlockAvailable.class);
        assertThat(texts.poll(5, TimeUnit.SECONDS)).isInstanceOf(SyncEvent.Ready.class);
        assertThat(next()).isInstanceOf(SyncEvent.BlockAvailable.class);
        assertThat(next()).isInstanceOf(SyncEvent.Ready.class);
        theirs.createOrReplace(new BlockCreate(A, Tier.WORKING, Schema.LIST, "", 100, Permission.ADMIN, false, "[]"));
        assertThat(texts.poll(5, TimeUnit.SECONDS))
                .isEqualTo(new SyncEvent.BlockGone(THEIRS, A, SyncEvent.GoneReason.OUT_OF_SCOPE));
        assertThat(next()).isInstanceOfSatisfying(SyncEvent.BlockAvailable.class, e -> {
            assertThat(e.block().metadata().schema()).isEqualTo(Schema.LIST);
            assertThat(e.block().revision()).isEqualTo(2);
        });
    }

    @Test
    void overflowDropsTheQueueAndResyncsWithFreshSnapshots() throws Exception {
        theirs.create(BlockCreate.text(A, "", "0"));
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SyncListener slow = event -> {
            received.add(event);
            if (event instanceof SyncEvent.Ready && stuck.getCount() == 1) {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        sync.subscribe(SyncFilter.scope(Scope.local("proj")), slow, 16);
        assertThat(stuck.await(5, TimeUnit.SECONDS)).isTrue();
        // 16 fit the queue, the 17th overflows it, 3 more arrive while the resync is pending
        for (int i = 1; i <= 20; i++) {
            theirs.apply(A, new MemoryOp.Append("."));
        }
        release.countDown();
        assertThat(next()).isInstanceOf(SyncEvent.BlockAvailable.class);
        assertThat(next()).isInstanceOf(SyncEvent.Ready.class);
        assertThat(next()).isEqualTo(new SyncEvent.Resync(Origin.HOST, 20));
        assertThat(next()).isInstanceOfSatisfying(SyncEvent.BlockAvailable.class, e -> {
            assertThat(e.block().revision()).isEqualTo(21);
            assertThat(e.block().content()).isEqualTo("0" + ".".repeat(20));
        });
        assertThat(next()).isEqualTo(new SyncEvent.Ready(Origin.HOST));
        theirs.apply(A, new MemoryOp.Append("+"));
        assertThat(next()).isInstanceOfSatisfying(SyncEvent.Delta.class, e -> assertThat(e.revision()).isEqualTo(22));
    }

    @Test
    void listenerExceptionsSkipTheEventOnly() throws Exception {
        sync.subscribe(new SyncFilter.Addresses(List.of(A)), event -> {
            if (event instanceof SyncEvent.BlockAvailable) {
                throw new IllegalStateException("listener bug");
            }
            received.add(event);
        });
        assertThat(next()).isInstanceOf(SyncEvent.Ready.class);
        theirs.create(BlockCreate.text(A, "", "x"));
        theirs.apply(A, new MemoryOp.Append("y"));
        assertThat(next()).isInstanceOf(SyncEvent.Delta.class);
    }

    @Test
    void closeStopsDeliveryAndTheWorker() throws Exception {
        Subscription s = sync.subscribe(new SyncFilter.Addresses(List.of(A)), received::add);
        assertThat(next()).isInstanceOf(SyncEvent.Ready.class);
        s.close();
        s.close();
        assertThat(((dev.trellis.memory.internal.sync.SubscriptionImpl) s).awaitWorker(Duration.ofSeconds(5))).isTrue();
        assertThat(engine.hub().size()).isZero();
        theirs.create(BlockCreate.text(A, "", "after close"));
        // the hub no longer holds the subscription, so nothing can be queued for it
        assertThat(received).isEmpty();
    }

    @Test
    void deactivateClosesTheBundlesSubscriptions() throws Exception {
        Subscription s1 = sync.subscribe(SyncFilter.scope(Scope.local("proj")), received::add);
        Subscription s2 = new MemorySyncImpl(engine, OTHER).subscribe(SyncFilter.scope(Scope.local("proj")), e -> { });
        assertThat(engine.hub().size()).isEqualTo(2);
        sync.deactivate();
        assertThat(s1.isClosed()).isTrue();
        assertThat(s2.isClosed()).isFalse();
        assertThat(engine.hub().size()).isEqualTo(1);
    }

    @Test
    void queueDepthIsChecked() {
        assertThatThrownBy(() -> sync.subscribe(SyncFilter.scope(Scope.local("p")), e -> { }, 15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memory-sync queue depth must be 16..65536, was 15");
        assertThatThrownBy(() -> sync.subscribe(SyncFilter.scope(Scope.local("p")), e -> { }, 65537))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filterMatching() {
        java.time.Instant t = java.time.Instant.EPOCH;
        BlockMetadata m = new BlockMetadata(BlockAddress.parse("global:ada/notes/today"), Tier.CORE, Schema.LIST, "", 10,
                Permission.DEFAULT, false, t, t, new dev.trellis.api.memory.Author.System("t"));
        assertThat(dev.trellis.memory.internal.sync.SyncHub.matches(
                new SyncFilter.ByPattern(Optional.of(Scope.global("ada")), "notes/", Optional.of(Schema.LIST)), m)).isTrue();
        assertThat(dev.trellis.memory.internal.sync.SyncHub.matches(
                new SyncFilter.ByPattern(Optional.empty(), "x", Optional.empty()), m)).isFalse();
        assertThat(dev.trellis.memory.internal.sync.SyncHub.matches(
                new SyncFilter.ByPattern(Optional.empty(), "", Optional.of(Schema.TEXT)), m)).isFalse();
        assertThat(dev.trellis.memory.internal.sync.SyncHub.matches(
                new SyncFilter.ByPattern(Optional.of(Scope.local("ada")), "", Optional.empty()), m)).isFalse();
        assertThat(dev.trellis.memory.internal.sync.SyncHub.matches(new SyncFilter.Addresses(List.of(m.address())), m)).isTrue();
    }
}
