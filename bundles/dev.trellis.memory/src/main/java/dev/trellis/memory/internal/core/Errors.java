package dev.trellis.memory.internal.core;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;

/** Shorthands for throwing typed memory errors. */
public final class Errors {

    private Errors() {
    }

    public static MemoryException invalid(BlockAddress address, String reason) {
        return new MemoryException(new MemoryError.InvalidOperation(address, reason));
    }

    public static MemoryException of(MemoryError error) {
        return new MemoryException(error);
    }
}
