package dev.trellis.api.agent;

import dev.trellis.api.memory.Author;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.Role;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message of an agent's stored conversation, exactly as it was sent to the model (pseudo-messages
 * such as memory snapshots included).
 *
 * @param id       store id, increasing in order
 * @param turnId   the turn it belongs to
 * @param role     who speaks
 * @param author   who sent it, for inputs
 * @param parts    its content
 * @param text     what it says without pseudo-messages: the input of a user message that opens a turn,
 *                 the answer text of an assistant message, empty for tool results and notices
 * @param at       when it was made
 * @param archived true once compaction replaced it by a summary (it stays searchable)
 * @since 1.1
 */
public record ConversationMessage(long id, String turnId, Role role, Optional<Author> author, List<ContentPart> parts,
        String text, Instant at, boolean archived) {

    public ConversationMessage {
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(author, "author");
        parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }
}
