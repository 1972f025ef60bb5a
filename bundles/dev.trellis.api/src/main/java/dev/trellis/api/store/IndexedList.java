package dev.trellis.api.store;

import dev.trellis.api.memory.BlockAddress;
import java.util.Objects;

/**
 * A task list as the index knows it.
 *
 * @param address  the task-list block
 * @param revision the block revision the index rows reflect
 * @param items    how many items are indexed for it
 * @since 1.2
 */
public record IndexedList(BlockAddress address, long revision, int items) {
    public IndexedList {
        Objects.requireNonNull(address, "address");
        if (revision < 1 || items < 0) {
            throw new IllegalArgumentException("indexed list " + address + ": revision must be >= 1 and items >= 0, were "
                    + revision + " and " + items);
        }
    }
}
