package dev.trellis.api.model;

import java.util.Objects;
import java.util.Optional;

/** One piece of a {@link ChatMessage}. */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.Image, ContentPart.ToolCall,
        ContentPart.ToolResult, ContentPart.Thinking {

    /** Plain text. */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An image sent to the model.
     *
     * @param mediaType e.g. {@code image/png}
     * @param base64    the bytes, base64-encoded (standard alphabet, padded)
     */
    record Image(String mediaType, String base64) implements ContentPart {
        public Image {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(base64, "base64");
            if (!mediaType.startsWith("image/")) {
                throw new IllegalArgumentException("image media type '" + mediaType + "' must start with image/");
            }
        }
    }

    /**
     * A tool call the model made (in an assistant message).
     *
     * @param callId        the provider's id, echoed by the matching {@link ToolResult}
     * @param name          tool name
     * @param argumentsJson arguments as JSON object text
     */
    record ToolCall(String callId, String name, String argumentsJson) implements ContentPart {
        public ToolCall {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }
    }

    /**
     * The result of a tool call (in a {@link Role#TOOL} message).
     *
     * @param callId  the call it answers
     * @param content text shown to the model
     * @param error   true if the call failed
     */
    record ToolResult(String callId, String content, boolean error) implements ContentPart {
        public ToolResult {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * The model's reasoning, kept so it can be sent back where the provider requires it.
     *
     * @param text      the reasoning text (may be a summary)
     * @param signature provider's opaque signature/encrypted blob, sent back verbatim
     */
    record Thinking(String text, Optional<String> signature) implements ContentPart {
        public Thinking {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(signature, "signature");
        }
    }
}
