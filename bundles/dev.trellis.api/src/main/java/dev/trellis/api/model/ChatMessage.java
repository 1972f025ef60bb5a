package dev.trellis.api.model;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation.
 *
 * @param role  who speaks
 * @param parts content, at least one part
 */
public record ChatMessage(Role role, List<ContentPart> parts) {
    /** @throws IllegalArgumentException if there are no parts, or a part does not fit the role */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(role + " message has no parts");
        }
        for (ContentPart p : parts) {
            boolean fits = switch (p) {
                case ContentPart.ToolResult r -> role == Role.TOOL;
                case ContentPart.ToolCall c -> role == Role.ASSISTANT;
                case ContentPart.Thinking t -> role == Role.ASSISTANT;
                case ContentPart.Text t -> role != Role.TOOL;
                case ContentPart.Image i -> role == Role.USER;
            };
            if (!fits) {
                throw new IllegalArgumentException(
                        p.getClass().getSimpleName() + " part is not allowed in a " + role + " message");
            }
        }
    }

    /** A user message with one text part. */
    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, List.of(new ContentPart.Text(text)));
    }

    /** An assistant message with one text part. */
    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Text(text)));
    }
}
