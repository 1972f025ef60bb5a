package dev.trellis.api.store;

import dev.trellis.api.memory.Author;
import java.time.Instant;
import java.util.Objects;

/**
 * An input waiting for an agent's turn.
 *
 * @param id       store-assigned, increasing: the order inputs are taken in
 * @param agentId  the agent it waits for
 * @param turnId   the id of the turn that will handle it (assigned when it is queued)
 * @param author   who sent it
 * @param body     the text
 * @param queuedAt when it was queued
 * @since 1.2
 */
public record QueuedMessage(long id, String agentId, String turnId, Author author, String body, Instant queuedAt) {

    public QueuedMessage {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(queuedAt, "queuedAt");
    }
}
