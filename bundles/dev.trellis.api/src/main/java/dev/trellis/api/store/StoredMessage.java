package dev.trellis.api.store;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.model.Role;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored message of an agent's conversation.
 *
 * @param id       store-assigned, increasing in insertion order; never reused
 * @param message  what was stored
 * @param archived true once compaction took it out of the active history (it stays searchable)
 * @since 1.2
 */
public record StoredMessage(long id, NewMessage message, boolean archived) {

    public StoredMessage {
        Objects.requireNonNull(message, "message");
    }

    public String agentId() {
        return message.agentId();
    }

    public String turnId() {
        return message.turnId();
    }

    public int seq() {
        return message.seq();
    }

    public Role role() {
        return message.role();
    }

    public Optional<Author> author() {
        return message.author();
    }

    public Scope scope() {
        return message.scope();
    }

    public String contentJson() {
        return message.contentJson();
    }

    public String text() {
        return message.text();
    }

    public Instant createdAt() {
        return message.createdAt();
    }
}
