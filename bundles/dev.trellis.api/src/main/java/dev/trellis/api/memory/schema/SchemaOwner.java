package dev.trellis.api.memory.schema;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.store.StoreTransaction;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Owns one block {@link Schema}: the memory bundle asks it to check every new content of a block of that
 * schema and to update its derived data in the same store transaction as the block row. Register it as a
 * service with the property {@value #SCHEMA} set to {@link Schema#id()}; with several owners for one schema
 * the one with the highest service ranking is used.
 *
 * <p><b>When no owner is registered.</b> The memory bundle's configuration lists the schemas that need one
 * (by default {@code task-list}); writes of blocks of such a schema are refused with
 * {@code MemoryError.StoreUnavailable} (nothing written, retry later) while their owner is away, so the
 * derived index never falls behind the blocks. An owner that starts should still reconcile what it finds
 * (data written by an older version, a restored file): that is its own business, done with
 * {@code StoreService} transactions.
 *
 * <p><b>Threads and transactions.</b> {@link #normalize} may run before or inside the writing transaction and
 * must not use the store; {@link #written} and {@link #removed} run inside the writing transaction on the
 * writer's thread and must not start another transaction. Anything they throw rolls the whole write back and reaches the
 * caller of the memory write (a {@link SchemaViolation} as {@code InvalidOperation}). Implementations must
 * be thread-safe.
 */
@ConsumerType
public interface SchemaOwner {

    /** Service property: the {@link Schema#id()} this owner serves, e.g. {@code task-list}. */
    String SCHEMA = "memory.schema";

    /** The schema served; must equal the {@value #SCHEMA} property for the life of the service. */
    Schema schema();

    /**
     * Checks content about to be stored in the block at {@code address} (create, create-or-replace, set, and
     * the content an undo or redo restores) and returns the form to store.
     *
     * @throws SchemaViolation saying where and what is wrong; nothing is written
     */
    String normalize(BlockAddress address, String content);

    /**
     * The block was created or its content or metadata changed in {@code tx}: bring the derived data in step
     * with {@code block} (the state just written). Must be idempotent: calling it twice with the same block
     * changes nothing the second time.
     */
    void written(StoreTransaction tx, Block block);

    /**
     * The block at {@code address} was deleted in {@code tx}, or replaced by a block of another schema: drop
     * its derived data. Must be idempotent.
     */
    void removed(StoreTransaction tx, BlockAddress address);

    /** The block's content as an agent reads it inside its {@code <block:label>} element. */
    String render(Block block);
}
