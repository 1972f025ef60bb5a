package dev.trellis.api.store;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.HistoryEntry;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Stored revisions of blocks, one entry per revision. */
@ProviderType
public interface HistoryStore {

    /** @throws StoreException {@code CONSTRAINT} if that revision is already stored for the block */
    void append(BlockAddress address, HistoryEntry entry);

    /** Newest entries first, at most {@code limit} ({@code limit >= 1}). */
    List<HistoryEntry> newest(BlockAddress address, int limit);

    /** Keeps the newest {@code keep} entries of the block and drops older ones. @return entries dropped */
    int trim(BlockAddress address, int keep);

    /** Drops all entries of the block. @return entries dropped */
    int clear(BlockAddress address);
}
