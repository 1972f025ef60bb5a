package dev.trellis.example.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.SyncEvent.GoneReason;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.example.journal.JournalEntry.Change;
import dev.trellis.example.journal.JournalEntry.Kind;
import dev.trellis.example.journal.JournalEntry.Subscribed;
import dev.trellis.memory.replica.ReplicaEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeTrackerTest {

    static final BlockAddress JOURNAL = BlockAddress.of(Scope.global("journal"), "changes");
    static final BlockAddress A = BlockAddress.of(Scope.local("p"), "a");
    static final BlockAddress B = BlockAddress.of(Scope.local("p"), "b");
    static final Origin WRITER = new Origin.Plugin(PluginId.of("org.example.writer"), 0);

    final ChangeTracker tracker = new ChangeTracker(JOURNAL);
    /** Answers from a pretend history: revision -> author, and which blocks exist. */
    final Map<Long, String> history = new HashMap<>();
    final Set<BlockAddress> existing = new HashSet<>(Set.of(A, B, JOURNAL));
    final ChangeTracker.Lookup lookup = new ChangeTracker.Lookup() {
        @Override
        public String authorOf(BlockAddress address, long revision, String fallback) {
            return history.getOrDefault(revision, fallback);
        }

        @Override
        public boolean exists(BlockAddress address) {
            return existing.contains(address);
        }
    };

    static Block block(BlockAddress address, long revision, String author) {
        Instant t = Instant.EPOCH;
        return new Block(new BlockMetadata(address, Tier.WORKING, Schema.TEXT, "", 100, Permission.DEFAULT, false, t, t,
                new Author.Plugin(PluginId.of(author))), "x", revision, "h");
    }

    List<JournalEntry> on(ReplicaEvent e) {
        return tracker.on(e, lookup);
    }

    @Test
    void theFirstSnapshotIsTheBaselineAndLiveChangesAreJournaledOnce() {
        assertThat(on(new ReplicaEvent.Snapshot(block(A, 3, "x"), Optional.empty()))).isEmpty();
        assertThat(on(new ReplicaEvent.Snapshot(block(JOURNAL, 9, "j"), Optional.empty()))).isEmpty();
        assertThat(on(new ReplicaEvent.Ready(2, List.of()))).containsExactly(new Subscribed(1));

        assertThat(on(new ReplicaEvent.Added(WRITER, block(B, 1, "org.example.writer"))))
                .containsExactly(new Change(Kind.WRITTEN, B, "plugin org.example.writer", 1, Optional.empty()));

        history.put(4L, "agent ada");
        ReplicaEvent.Changed append = new ReplicaEvent.Changed(Origin.HOST, Optional.of(block(A, 3, "x")),
                block(A, 4, "x"), Optional.of(new MemoryOp.Append("!")), 4);
        assertThat(on(append)).containsExactly(new Change(Kind.UPDATED, A, "agent ada", 4, Optional.of("append")));
        assertThat(on(append)).as("the same revision is journaled once").isEmpty();

        ReplicaEvent.Changed patch = new ReplicaEvent.Changed(WRITER, Optional.empty(), block(A, 5, "x"),
                Optional.empty(), 5);
        assertThat(on(patch)).as("no history entry: the origin says who")
                .containsExactly(new Change(Kind.UPDATED, A, "plugin org.example.writer", 5, Optional.of("patch-metadata")));

        assertThat(on(new ReplicaEvent.Removed(WRITER, B, GoneReason.DELETED, Optional.of(block(B, 1, "x")))))
                .containsExactly(new Change(Kind.DELETED, B, "plugin org.example.writer", 2, Optional.empty()));
        assertThat(on(new ReplicaEvent.Removed(WRITER, A, GoneReason.OUT_OF_SCOPE, Optional.empty()))).isEmpty();
    }

    @Test
    void theJournalBlockItselfIsNeverJournaled() {
        on(new ReplicaEvent.Ready(0, List.of()));
        assertThat(on(new ReplicaEvent.Added(Origin.HOST, block(JOURNAL, 1, "j")))).isEmpty();
        assertThat(on(new ReplicaEvent.Changed(Origin.HOST, Optional.empty(), block(JOURNAL, 2, "j"),
                Optional.of(new MemoryOp.LogAppend("{}")), 2))).isEmpty();
        assertThat(on(new ReplicaEvent.Removed(Origin.HOST, JOURNAL, GoneReason.DELETED, Optional.empty()))).isEmpty();
    }

    @Test
    void aSnapshotAfterRebindJournalsWhatChangedWhileNotListening() {
        on(new ReplicaEvent.Snapshot(block(A, 3, "x"), Optional.empty()));
        on(new ReplicaEvent.Snapshot(block(B, 7, "x"), Optional.empty()));
        on(new ReplicaEvent.Ready(2, List.of()));

        // the memory bundle restarted; a new subscription delivers a fresh snapshot
        BlockAddress c = BlockAddress.of(Scope.local("p"), "c");
        existing.remove(B);
        history.put(5L, "plugin dev.trellis.itest");
        assertThat(on(new ReplicaEvent.Snapshot(block(A, 5, "old"), Optional.empty())))
                .containsExactly(new Change(Kind.UPDATED, A, "plugin dev.trellis.itest", 5, Optional.empty()));
        assertThat(on(new ReplicaEvent.Snapshot(block(c, 1, "org.example.writer"), Optional.empty())))
                .containsExactly(new Change(Kind.WRITTEN, c, "plugin org.example.writer", 1, Optional.empty()));
        assertThat(on(new ReplicaEvent.Ready(2, List.of()))).containsExactly(
                new Change(Kind.DELETED, B, "unknown", 8, Optional.empty()), new Subscribed(2));

        // unchanged blocks in a later resync snapshot give nothing
        assertThat(on(new ReplicaEvent.Resync(3))).isEmpty();
        assertThat(on(new ReplicaEvent.Snapshot(block(A, 5, "x"), Optional.empty()))).isEmpty();
        assertThat(on(new ReplicaEvent.Snapshot(block(c, 1, "x"), Optional.empty()))).isEmpty();
        assertThat(on(new ReplicaEvent.Ready(2, List.of()))).containsExactly(new Subscribed(2));
    }

    @Test
    void entriesAreCompactJsonWithQuotedStrings() {
        assertThat(new Change(Kind.UPDATED, A, "agent \"q\"\\\n", 4, Optional.of("append")).toJson())
                .isEqualTo("{\"kind\":\"updated\",\"block\":\"local:p/a\",\"by\":\"agent \\\"q\\\"\\\\\\n\","
                        + "\"revision\":4,\"op\":\"append\"}");
        assertThat(new Change(Kind.DELETED, B, "host", 2, Optional.empty()).toJson())
                .isEqualTo("{\"kind\":\"deleted\",\"block\":\"local:p/b\",\"by\":\"host\",\"revision\":2}");
        assertThat(new Subscribed(3).toJson()).isEqualTo("{\"kind\":\"subscribed\",\"blocks\":3}");
        assertThat(JournalEntry.quote("\u0001")).isEqualTo("\"\\u0001\"");
    }
}
