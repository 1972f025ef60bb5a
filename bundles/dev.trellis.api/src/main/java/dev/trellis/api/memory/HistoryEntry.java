package dev.trellis.api.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * One committed revision of a block.
 *
 * @param revision the revision this op produced
 * @param opKind   {@link MemoryOp#kind()} of the op, or {@code undo}/{@code redo}/{@code create}
 * @param author   who committed it
 * @param at       when
 * @param content  the content after the op
 */
public record HistoryEntry(long revision, String opKind, Author author, Instant at, String content) {
    public HistoryEntry {
        Objects.requireNonNull(opKind, "opKind");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(content, "content");
    }
}
