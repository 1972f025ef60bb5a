package dev.trellis.api.agent;

import dev.trellis.api.memory.Author;
import java.time.Instant;
import java.util.Objects;

/**
 * An input waiting for its turn (persisted: it survives a restart).
 *
 * @param turnId   the id of the turn that will handle it
 * @param author   who sent it
 * @param body     the text
 * @param queuedAt when it was queued
 * @since 1.1
 */
public record QueuedInput(String turnId, Author author, String body, Instant queuedAt) {
    public QueuedInput {
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(queuedAt, "queuedAt");
    }
}
