package dev.trellis.memory.replica;

import static dev.trellis.memory.replica.FakeMemoryService.OTHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.HistoryDepth;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MetadataPatch;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryReplicaTest {

    static final Scope NOTES = Scope.local("notes");
    static final BlockAddress A = BlockAddress.of(NOTES, "a");
    static final BlockAddress B = BlockAddress.of(NOTES, "b");
    static final BlockAddress LOG = BlockAddress.of(NOTES, "log");
    static final BlockAddress ELSEWHERE = BlockAddress.of(Scope.local("other"), "x");

    FakeMemoryService memory = new FakeMemoryService();
    FakeMemorySync sync = new FakeMemorySync(memory);
    List<ReplicaEvent> events = new CopyOnWriteArrayList<>();
    MemoryReplica replica;

    @BeforeEach
    void blocks() {
        memory.put(BlockCreate.text(A, "a", "alpha"));
        memory.put(BlockCreate.text(B, "b", "beta"));
        memory.put(new BlockCreate(LOG, Tier.WORKING, Schema.LOG, "log", BlockMetadata.DEFAULT_CHAR_LIMIT,
                Permission.DEFAULT, false, "[]"));
        memory.put(BlockCreate.text(ELSEWHERE, "x", "outside"));
    }

    private MemoryReplica readyReplica() {
        replica = new MemoryReplica(memory, sync, SyncFilter.scope(NOTES), events::add);
        sync.snapshot();
        events.clear();
        return replica;
    }

    @Test
    void snapshotThenReadyMakesItReadyAndReadsAreServedLocally() throws Exception {
        replica = new MemoryReplica(memory, sync, SyncFilter.scope(NOTES), events::add);
        assertThat(sync.filter).isEqualTo(SyncFilter.scope(NOTES));
        assertThat(sync.queueDepth).isEqualTo(1024);
        assertThat(replica.isReady()).isFalse();
        assertThat(replica.awaitReady(Duration.ZERO)).as("not ready before the snapshot").isFalse();

        sync.snapshot();

        assertThat(replica.awaitReady(Duration.ofSeconds(5))).isTrue();
        assertThat(replica.blocks()).extracting(Block::address).containsExactly(A, B, LOG);
        assertThat(replica.get(A)).isEqualTo(memory.stored(A));
        assertThat(replica.get(ELSEWHERE)).isEmpty();
        assertThat(memory.readCount()).as("no reads: everything came in the snapshot").isZero();
        assertThat(events).hasSize(4);
        assertThat(events.subList(0, 3)).allSatisfy(e -> assertThat(e).isInstanceOf(ReplicaEvent.Snapshot.class));
        assertThat(events.get(3)).isEqualTo(new ReplicaEvent.Ready(3, List.of()));
    }

    @Test
    void awaitReadyWakesUpAWaitingThread() throws Exception {
        replica = new MemoryReplica(memory, sync, SyncFilter.scope(NOTES));
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> outcome = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            try {
                return replica.awaitReady(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
        sync.snapshot();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aDeltaOnTheNextRevisionIsReplayedLocallyWhenTheHashMatches() {
        readyReplica();
        Block before = replica.get(A).orElseThrow();

        SyncEvent delta = memory.applyAs(OTHER, A, new MemoryOp.Append(" and omega"));
        sync.deliver(delta);

        Block after = replica.get(A).orElseThrow();
        assertThat(after.content()).isEqualTo("alpha and omega");
        assertThat(after.revision()).isEqualTo(2);
        assertThat(after.contentHash()).isEqualTo(memory.stored(A).orElseThrow().contentHash());
        assertThat(memory.readCount()).as("replayed, not re-read").isZero();
        assertThat(events).containsExactly(new ReplicaEvent.Changed(OTHER, Optional.of(before), after,
                Optional.of(new MemoryOp.Append(" and omega")), 2));
    }

    @Test
    void aDeltaWhoseHashDiffersAfterReplayIsReReadFromTheService() {
        readyReplica();
        // what the host committed is not what the op gives on this copy (e.g. normalized by the host)
        sync.deliver(new SyncEvent.Delta(OTHER, A, new MemoryOp.Append("!"), 2, LocalOps.sha256("something else")));

        assertThat(memory.readCount()).isEqualTo(1);
        assertThat(replica.get(A)).as("the store's state, not the replay").isEqualTo(memory.stored(A));
    }

    @Test
    void aLogAppendIsReReadBecauseTheHostStampsTheEntry() {
        readyReplica();
        sync.deliver(memory.applyAs(OTHER, LOG, new MemoryOp.LogAppend("{\"m\":1}")));

        assertThat(memory.readCount()).isEqualTo(1);
        assertThat(replica.get(LOG)).isEqualTo(memory.stored(LOG));
        assertThat(replica.get(LOG).orElseThrow().content()).contains("\"author\":\"plugin test.other\"");
    }

    @Test
    void aDeltaThatSkipsARevisionIsReRead() {
        readyReplica();
        memory.applyAs(OTHER, A, new MemoryOp.Append("1")); // its event is never delivered
        sync.deliver(memory.applyAs(OTHER, A, new MemoryOp.Append("2")));

        assertThat(memory.readCount()).isEqualTo(1);
        assertThat(replica.get(A).orElseThrow().content()).isEqualTo("alpha12");
        assertThat(replica.get(A).orElseThrow().revision()).isEqualTo(3);
    }

    @Test
    void aDeltaTheCopyAlreadyHasChangesNothing() {
        readyReplica();
        SyncEvent delta = memory.applyAs(OTHER, A, new MemoryOp.Append("1"));
        sync.deliver(delta);
        Block once = replica.get(A).orElseThrow();

        sync.deliver(delta);

        assertThat(replica.get(A)).contains(once);
        assertThat(memory.readCount()).isZero();
    }

    @Test
    void ownWritesUpdateTheCopyFromTheWriteResultSinceTheyAreNotEchoed() {
        readyReplica();

        var r = replica.apply(A, new MemoryOp.Replace("alpha", "ALPHA"));
        assertThat(r.revision()).isEqualTo(2);
        // replayed locally: same content, revision and hash; metadata stays as last read (documented)
        assertThat(state(replica.get(A))).isEqualTo(state(memory.stored(A)));
        assertThat(memory.readCount()).as("computed locally, hash checked").isZero();

        replica.apply(A, new MemoryOp.Set("reset"), 2);
        assertThat(replica.get(A).orElseThrow().content()).isEqualTo("reset");
        assertThat(memory.readCount()).isZero();

        replica.apply(LOG, new MemoryOp.LogAppend("{\"m\":2}"));
        assertThat(memory.readCount()).as("log entries are stamped by the host: re-read").isEqualTo(1);
        assertThat(replica.get(LOG)).isEqualTo(memory.stored(LOG));

        BlockAddress fresh = BlockAddress.of(NOTES, "fresh");
        replica.create(BlockCreate.text(fresh, "", "new"));
        assertThat(replica.get(fresh)).isEqualTo(memory.stored(fresh));

        replica.create(BlockCreate.text(BlockAddress.of(Scope.local("other"), "y"), "", "not followed"));
        assertThat(replica.get(BlockAddress.of(Scope.local("other"), "y"))).as("outside the filter").isEmpty();

        replica.apply(B, new MemoryOp.Delete());
        assertThat(replica.get(B)).isEmpty();
        assertThat(events).as("own writes are not reported, like the host's echo suppression").isEmpty();
    }

    @Test
    void anOwnWriteIsNotLostWhenAnOlderSnapshotOfItsBlockArrivesAfterIt() {
        replica = new MemoryReplica(memory, sync, SyncFilter.scope(NOTES), events::add);
        List<Block> readBeforeTheWrite = memory.matching(sync.filter); // the host read its snapshot here

        replica.apply(A, new MemoryOp.Append("!"));
        readBeforeTheWrite.forEach(b -> sync.deliver(new SyncEvent.BlockAvailable(Origin.HOST, b)));
        sync.deliver(new SyncEvent.Ready(Origin.HOST));

        assertThat(replica.get(A)).as("the write's revision, not the older snapshot").isEqualTo(memory.stored(A));
        assertThat(replica.get(A).orElseThrow().content()).isEqualTo("alpha!");
    }

    @Test
    void aBlockDeletedHereIsNotBroughtBackByAnAnnouncementQueuedBeforeTheDelete() {
        readyReplica();
        BlockAddress c = BlockAddress.of(NOTES, "c");
        memory.put(BlockCreate.text(c, "", "by someone else"));
        SyncEvent queued = new SyncEvent.BlockAvailable(OTHER, memory.stored(c).orElseThrow());

        replica.apply(c, new MemoryOp.Delete());
        sync.deliver(queued);

        assertThat(replica.get(c)).isEmpty();
        assertThat(events).as("nothing to report: the block is gone").isEmpty();

        // created again later: the next announcement is taken
        memory.put(BlockCreate.text(c, "", "again"));
        sync.deliver(new SyncEvent.BlockAvailable(OTHER, memory.stored(c).orElseThrow()));
        assertThat(replica.get(c).orElseThrow().content()).isEqualTo("again");
    }

    @Test
    void aPatternFilterWithSchemaAndLabelPrefixKeepsOnlyMatchingBlocks() {
        var textOnly = new SyncFilter.ByPattern(Optional.of(NOTES), "", Optional.of(Schema.TEXT));
        replica = new MemoryReplica(memory, sync, textOnly);
        sync.snapshot();
        assertThat(replica.blocks()).extracting(Block::address).containsExactly(A, B);

        replica.apply(LOG, new MemoryOp.LogAppend("{\"m\":3}"));
        assertThat(replica.get(LOG)).as("read to check, then not kept: wrong schema").isEmpty();
        assertThat(memory.readCount()).isEqualTo(1);

        replica.apply(ELSEWHERE, new MemoryOp.Append("!"));
        assertThat(replica.get(ELSEWHERE)).isEmpty();
        assertThat(memory.readCount()).as("another scope cannot match: no read").isEqualTo(1);
    }

    @Test
    void undoRedoAndHistoryPassThroughAndTheCopyFollows() {
        readyReplica();
        replica.apply(A, new MemoryOp.Set("changed"));

        assertThat(replica.historyDepth(A)).isEqualTo(new HistoryDepth(1, 0));
        assertThat(replica.undo(A)).map(w -> w.revision()).contains(3L);
        assertThat(replica.get(A).orElseThrow().content()).isEqualTo("alpha");
        assertThat(replica.get(A)).isEqualTo(memory.stored(A));

        assertThat(replica.redo(A)).isPresent();
        assertThat(replica.get(A).orElseThrow().content()).isEqualTo("changed");
        assertThat(replica.redo(A)).as("nothing left to redo").isEmpty();
        assertThat(replica.history(A, 10)).isEqualTo(memory.history(A, 10));
        assertThat(replica.history(A, 10)).extracting(h -> h.opKind()).containsExactly("redo", "undo", "set", "create");
    }

    @Test
    void metadataChangesAreReadWholeAndGoneBlocksLeaveTheCopy() {
        readyReplica();
        Block before = replica.get(A).orElseThrow();

        sync.deliver(memory.applyAs(OTHER, A, new MemoryOp.PatchMetadata(MetadataPatch.NONE.withDescription("new"))));
        Block after = replica.get(A).orElseThrow();
        assertThat(after.metadata().description()).isEqualTo("new");
        assertThat(after.revision()).as("a metadata patch raises the revision").isEqualTo(2);

        Block lastB = replica.get(B).orElseThrow();
        sync.deliver(memory.applyAs(OTHER, B, new MemoryOp.Delete()));
        assertThat(replica.get(B)).isEmpty();
        assertThat(events).containsExactly(
                new ReplicaEvent.Changed(OTHER, Optional.of(before), after, Optional.empty(), 2),
                new ReplicaEvent.Removed(OTHER, B, SyncEvent.GoneReason.DELETED, Optional.of(lastB)));
    }

    @Test
    void aResyncKeepsServingTheCopyUntilReadyThenDropsWhatVanished() throws Exception {
        readyReplica();
        Block oldB = replica.get(B).orElseThrow();
        memory.vanish(B); // deleted while this subscriber's events were being dropped
        memory.applyAs(OTHER, A, new MemoryOp.Append("!"));

        sync.deliver(new SyncEvent.Resync(Origin.HOST, 7));
        assertThat(replica.isReady()).isFalse();
        assertThat(replica.get(B)).as("still served during the resync").contains(oldB);

        sync.snapshot();

        assertThat(replica.awaitReady(Duration.ofSeconds(5))).isTrue();
        assertThat(replica.get(B)).isEmpty();
        assertThat(replica.get(A)).isEqualTo(memory.stored(A));
        assertThat(events.get(0)).isEqualTo(new ReplicaEvent.Resync(7));
        assertThat(events.getLast()).isEqualTo(new ReplicaEvent.Ready(2, List.of(oldB)));
    }

    @Test
    void closeUnsubscribesStopsEventsAndRejectsWrites() throws Exception {
        readyReplica();
        replica.close();
        replica.close(); // idempotent

        assertThat(sync.isClosed()).isTrue();
        assertThat(replica.isClosed()).isTrue();
        sync.deliver(memory.applyAs(OTHER, A, new MemoryOp.Append("late")));
        assertThat(replica.get(A).orElseThrow().content()).as("last copy still readable").isEqualTo("alpha");
        assertThatThrownBy(() -> replica.apply(A, new MemoryOp.Append("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(replica.awaitReady(Duration.ofSeconds(5))).as("a closed replica is never ready").isFalse();
    }

    @Test
    void concurrentOwnWritesAndRemoteDeltasConvergeOnTheStoredBlock() throws Exception {
        readyReplica();
        int writers = 4;
        int perWriter = 100;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String tag = "w" + w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        replica.apply(A, new MemoryOp.Append(tag));
                        assertThat(replica.get(A)).isPresent();
                    }
                    return null;
                }));
            }
            start.countDown();
            // this thread plays the host's delivery thread for another party's writes
            for (int i = 0; i < perWriter; i++) {
                sync.deliver(memory.applyAs(OTHER, A, new MemoryOp.Append("o")));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Block stored = memory.stored(A).orElseThrow();
        assertThat(stored.revision()).isEqualTo(1 + (writers + 1) * perWriter);
        assertThat(state(replica.get(A))).isEqualTo(state(Optional.of(stored)));
    }

    /** What a replayed block must agree on with the store: content, revision, hash. */
    private static String state(Optional<Block> block) {
        Block b = block.orElseThrow();
        return b.revision() + " " + b.contentHash() + " " + b.content();
    }
}
