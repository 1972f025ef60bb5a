package dev.trellis.memory.replica;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.SyncEvent.GoneReason;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ReplicaListener} is told, after the local copy changed. The replica's own writes are not
 * reported (the host does not echo them either).
 */
public sealed interface ReplicaEvent permits ReplicaEvent.Snapshot, ReplicaEvent.Ready, ReplicaEvent.Added,
        ReplicaEvent.Changed, ReplicaEvent.Removed, ReplicaEvent.Resync {

    /**
     * A block's full state from the initial snapshot or a resync (before {@link Ready}).
     *
     * @param before the local copy held before, if any (after a resync it may be older)
     */
    record Snapshot(Block block, Optional<Block> before) implements ReplicaEvent {
        public Snapshot {
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(before, "before");
        }
    }

    /**
     * The snapshot is complete; live changes follow.
     *
     * @param blocks   blocks in the local copy now
     * @param vanished blocks held before a resync that the fresh snapshot did not contain (deleted or no
     *                 longer matching while events were dropped), with their last known state
     */
    record Ready(int blocks, List<Block> vanished) implements ReplicaEvent {
        public Ready {
            vanished = List.copyOf(vanished);
        }
    }

    /** A block created (or replaced at its address) by someone else. */
    record Added(Origin origin, Block block) implements ReplicaEvent {
        public Added {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(block, "block");
        }
    }

    /**
     * A block changed by someone else.
     *
     * @param before   the previous local copy, if it had one
     * @param after    the block as now held
     * @param op       the op that made the change; empty for a metadata change
     * @param revision the revision the change produced; {@code after} may already be newer when a read
     *                 overtook the event (for a metadata change it is {@code after}'s revision)
     */
    record Changed(Origin origin, Optional<Block> before, Block after, Optional<MemoryOp> op, long revision)
            implements ReplicaEvent {
        public Changed {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(op, "op");
        }
    }

    /** A block left the copy (deleted, or no longer matching the filter). */
    record Removed(Origin origin, BlockAddress address, GoneReason reason, Optional<Block> last)
            implements ReplicaEvent {
        public Removed {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(last, "last");
        }
    }

    /**
     * The host dropped {@code dropped} events for this subscriber; fresh snapshots and a new {@link Ready}
     * follow. Until then reads serve the copy as it was.
     */
    record Resync(long dropped) implements ReplicaEvent {
    }
}
