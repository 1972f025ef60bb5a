package dev.trellis.api.tool;

import java.util.Objects;

/**
 * What a tool hands back to the model. An error result is still a normal result: the model reads
 * the message and may try again; the turn goes on.
 *
 * @param content text shown to the model (plain text or JSON text)
 * @param error   true if the call failed and {@code content} explains why
 */
public record ToolResult(String content, boolean error) {
    public ToolResult {
        Objects.requireNonNull(content, "content");
    }

    /** A successful result. */
    public static ToolResult ok(String content) {
        return new ToolResult(content, false);
    }

    /** A failed result whose message the model will read. */
    public static ToolResult failure(String message) {
        return new ToolResult(message, true);
    }
}
