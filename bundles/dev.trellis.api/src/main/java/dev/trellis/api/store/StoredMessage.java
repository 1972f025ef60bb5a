package dev.trellis.api.store;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.model.Role;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored message of an agent's conversation (see {@link NewMessage} for the fields).
 *
 * @param id       store-assigned, increasing in insertion order; never reused
 * @param archived true once compaction took it out of the active history (it stays searchable)
 * @since 1.2
 */
public record StoredMessage(long id, String agentId, String turnId, int seq, Role role, Optional<Author> author,
        Scope scope, String contentJson, String text, Instant createdAt, boolean archived) {

    public StoredMessage {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(contentJson, "contentJson");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
