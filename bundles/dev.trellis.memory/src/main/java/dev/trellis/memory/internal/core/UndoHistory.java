package dev.trellis.memory.internal.core;

import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.HistoryDepth;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Undo/redo stacks derived from a block's stored history, so no extra state has to be persisted.
 *
 * <p>Replaying entries oldest first: the oldest kept entry is the base state; a content op pushes its
 * content on the undo stack and clears redo; {@code undo} moves the top to the redo stack;
 * {@code redo} moves it back; {@code patch-metadata} changes no content and is not a step. Because
 * history is trimmed to the configured depth, at most {@code depth - 1} steps can be undone. An undo
 * entry whose step was trimmed away rebases on its own content (nothing older is known).
 */
public final class UndoHistory {

    public static final String UNDO = "undo";
    public static final String REDO = "redo";
    public static final String CREATE = "create";
    public static final String PATCH_METADATA = "patch-metadata";

    private final Deque<String> done = new ArrayDeque<>();
    private final Deque<String> undone = new ArrayDeque<>();

    private UndoHistory() {
    }

    /** @param newestFirst entries as {@code HistoryStore.newest} returns them */
    public static UndoHistory of(List<HistoryEntry> newestFirst) {
        UndoHistory h = new UndoHistory();
        for (HistoryEntry e : newestFirst.reversed()) {
            h.replay(e);
        }
        return h;
    }

    private void replay(HistoryEntry e) {
        if (done.isEmpty()) {
            done.push(e.content());
            return;
        }
        switch (e.opKind()) {
            case PATCH_METADATA -> {
                // content unchanged: not an undo step
            }
            case UNDO -> {
                if (done.size() >= 2) {
                    undone.push(done.pop());
                } else {
                    rebase(e.content());
                }
            }
            case REDO -> {
                if (!undone.isEmpty()) {
                    done.push(undone.pop());
                } else {
                    rebase(e.content());
                }
            }
            default -> {
                done.push(e.content());
                undone.clear();
            }
        }
    }

    private void rebase(String content) {
        done.clear();
        undone.clear();
        done.push(content);
    }

    /** Steps available on each side. */
    public HistoryDepth depth() {
        return new HistoryDepth(Math.max(0, done.size() - 1), undone.size());
    }

    /** The content an undo restores, if any. */
    public Optional<String> undoTarget() {
        if (done.size() < 2) {
            return Optional.empty();
        }
        var it = done.iterator();
        it.next();
        return Optional.of(it.next());
    }

    /** The content a redo restores, if any. */
    public Optional<String> redoTarget() {
        return Optional.ofNullable(undone.peek());
    }
}
