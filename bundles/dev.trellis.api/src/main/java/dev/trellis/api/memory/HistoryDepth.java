package dev.trellis.api.memory;

/**
 * How many steps of a block can be undone and redone now.
 *
 * @param undo steps available to {@link MemoryService#undo}
 * @param redo steps available to {@link MemoryService#redo}; a fresh write resets it to 0
 */
public record HistoryDepth(int undo, int redo) {
    public HistoryDepth {
        if (undo < 0 || redo < 0) {
            throw new IllegalArgumentException("history depth must be >= 0, was undo=" + undo + " redo=" + redo);
        }
    }
}
