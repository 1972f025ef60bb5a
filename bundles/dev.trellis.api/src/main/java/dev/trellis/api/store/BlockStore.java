package dev.trellis.api.store;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ListFilter;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Current state of blocks. The memory bundle decides what a write means (ops, permissions, revisions);
 * the store only keeps rows. Deleted blocks are gone from every method here.
 */
@ProviderType
public interface BlockStore {

    /** @return the block, or empty if none is stored at {@code address} */
    Optional<Block> find(BlockAddress address);

    /** Metadata of matching blocks without loading content; ordered by scope key then label. */
    List<BlockMetadata> list(ListFilter filter);

    /** @throws StoreException {@code CONSTRAINT} if a block already exists at the address */
    void insert(Block block);

    /**
     * Replaces the stored block if it is still at {@code expectedRevision}.
     *
     * @return false if no block exists at the address or its revision differs (nothing written)
     */
    boolean update(Block block, long expectedRevision);

    /** @return false if there was no such block */
    boolean delete(BlockAddress address);

    /**
     * The distinct scopes that hold at least one live block, ordered by their text form; what an
     * unscoped search of an unbound view covers. Cheap: it does not read blocks.
     *
     * @since 1.1
     */
    List<dev.trellis.api.memory.Scope> scopesWithBlocks();
}
