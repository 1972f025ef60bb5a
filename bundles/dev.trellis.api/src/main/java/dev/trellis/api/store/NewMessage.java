package dev.trellis.api.store;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.model.Role;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message of an agent's conversation to be stored. The store keeps {@code contentJson} opaque
 * (the agent runtime writes and reads it) and indexes {@code text} for full-text search.
 *
 * @param agentId     the agent whose conversation it belongs to
 * @param turnId      the turn it was part of
 * @param seq         its position in the turn, from 0; unique per turn
 * @param role        who speaks
 * @param author      who sent it, for inputs (user messages from a person, plugin or agent)
 * @param scope       the memory scope searches find it in (the agent's default scope)
 * @param contentJson the message's parts as JSON text
 * @param text        what full-text search indexes (may be empty)
 * @param createdAt   when it was made
 * @since 1.2
 */
public record NewMessage(String agentId, String turnId, int seq, Role role, Optional<Author> author, Scope scope,
        String contentJson, String text, Instant createdAt) {

    public NewMessage {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(contentJson, "contentJson");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        if (seq < 0) {
            throw new IllegalArgumentException("message seq must be >= 0, was " + seq);
        }
    }
}
