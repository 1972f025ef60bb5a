package dev.trellis.memory.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.HistoryDepth;
import dev.trellis.api.memory.HistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UndoHistoryTest {

    final List<HistoryEntry> log = new ArrayList<>(); // oldest first

    void add(String kind, String content) {
        log.add(new HistoryEntry(log.size() + 1, kind, new Author.System("t"), Instant.EPOCH, content));
    }

    UndoHistory state() {
        return UndoHistory.of(log.reversed());
    }

    UndoHistory trimmed(int keep) {
        return UndoHistory.of(log.reversed().subList(0, keep));
    }

    @Test
    void freshBlockHasNothingToUndo() {
        add("create", "a");
        assertThat(state().depth()).isEqualTo(new HistoryDepth(0, 0));
        assertThat(state().undoTarget()).isEmpty();
        assertThat(state().redoTarget()).isEmpty();
    }

    @Test
    void undoRedoAndFreshWriteClearsRedo() {
        add("create", "a");
        add("set", "b");
        add("append", "bc");
        assertThat(state().depth()).isEqualTo(new HistoryDepth(2, 0));
        assertThat(state().undoTarget()).contains("b");
        add("undo", "b");
        assertThat(state().depth()).isEqualTo(new HistoryDepth(1, 1));
        assertThat(state().redoTarget()).contains("bc");
        add("undo", "a");
        assertThat(state().depth()).isEqualTo(new HistoryDepth(0, 2));
        assertThat(state().redoTarget()).contains("b");
        add("redo", "b");
        assertThat(state().depth()).isEqualTo(new HistoryDepth(1, 1));
        add("patch-metadata", "b");
        assertThat(state().depth()).isEqualTo(new HistoryDepth(1, 1));
        add("set", "z");
        assertThat(state().depth()).isEqualTo(new HistoryDepth(2, 0));
        assertThat(state().undoTarget()).contains("b");
    }

    @Test
    void trimmedHistoryBoundsTheDepth() {
        add("create", "0");
        for (int i = 1; i <= 10; i++) {
            add("set", Integer.toString(i));
        }
        assertThat(trimmed(4).depth()).isEqualTo(new HistoryDepth(3, 0));
        assertThat(trimmed(4).undoTarget()).contains("9");
        add("undo", "9");
        // the oldest kept entry is the base; an undo whose step was trimmed rebases on its content
        assertThat(trimmed(1).depth()).isEqualTo(new HistoryDepth(0, 0));
        assertThat(trimmed(3).depth()).isEqualTo(new HistoryDepth(0, 1));
        assertThat(trimmed(4).depth()).isEqualTo(new HistoryDepth(1, 1));
        assertThat(trimmed(4).redoTarget()).contains("10");
    }
}
