package dev.trellis.api.memory.sync;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.MemoryOp;
import java.util.Objects;

/**
 * What a subscriber receives, in order: {@link BlockAvailable} for every matching block, one
 * {@link Ready}, then live {@link Delta}, {@link MetadataChanged}, {@link BlockGone} and new
 * {@link BlockAvailable} events. {@link Resync} restarts the sequence (fresh snapshots, then
 * {@code Ready}). Adding a kind is a major version change of this package.
 */
public sealed interface SyncEvent permits SyncEvent.BlockAvailable, SyncEvent.Ready, SyncEvent.Delta,
        SyncEvent.MetadataChanged, SyncEvent.BlockGone, SyncEvent.Resync {

    /** Who caused the event. */
    Origin origin();

    /** Full state of a block that matches (initially, after creation, or after a resync). */
    record BlockAvailable(Origin origin, Block block) implements SyncEvent {
        public BlockAvailable {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(block, "block");
        }
    }

    /** The initial snapshots are complete; live events follow. */
    record Ready(Origin origin) implements SyncEvent {
        public Ready {
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * One committed op. Apply {@code op} to the copy at {@code revision - 1}; if the copy is at any
     * other revision or its hash after applying differs from {@code contentHash}, re-read the block.
     * Undo and redo arrive as {@link MemoryOp.Set} with the restored content; a delete arrives as
     * {@link BlockGone}, never as a {@code Delta}.
     */
    record Delta(Origin origin, BlockAddress address, MemoryOp op, long revision, String contentHash)
            implements SyncEvent {
        public Delta {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(contentHash, "contentHash");
        }
    }

    /** Metadata changed; content did not. */
    record MetadataChanged(Origin origin, BlockMetadata metadata) implements SyncEvent {
        public MetadataChanged {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /** A block left the subscription. */
    record BlockGone(Origin origin, BlockAddress address, GoneReason reason) implements SyncEvent {
        public BlockGone {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The subscriber's queue overflowed and {@code dropped} events were discarded. Drop the local copy;
     * fresh snapshots and a new {@link Ready} follow.
     */
    record Resync(Origin origin, long dropped) implements SyncEvent {
        public Resync {
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** Why a block left a subscription. */
    enum GoneReason {
        /** The block was deleted. */
        DELETED,
        /** The block still exists but no longer matches (e.g. schema changed, or view policy hides it). */
        OUT_OF_SCOPE
    }
}
