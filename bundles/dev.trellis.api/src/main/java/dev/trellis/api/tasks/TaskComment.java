package dev.trellis.api.tasks;

import java.time.Instant;
import java.util.Objects;

/**
 * A comment on a task item; comments are only ever added.
 *
 * @param author rendered author (e.g. {@code agent ada}), set by the host
 * @param at     when it was added
 * @param text   the comment, non-blank
 */
public record TaskComment(String author, Instant at, String text) {
    public TaskComment {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("comment text is blank");
        }
    }
}
