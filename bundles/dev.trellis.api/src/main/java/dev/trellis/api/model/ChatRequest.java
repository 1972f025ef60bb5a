package dev.trellis.api.model;

import dev.trellis.api.tool.ToolDescriptor;
import java.util.List;
import java.util.Objects;

/**
 * One request to a model.
 *
 * @param model    which model, {@code provider/model}
 * @param system   the system prompt (may be empty)
 * @param messages the conversation, oldest first, at least one message, first one from the user
 * @param tools    tools the model may call (names unique)
 * @param params   generation settings
 * @param cache    prompt-cache lifetimes
 */
public record ChatRequest(ModelId model, String system, List<ChatMessage> messages, List<ToolDescriptor> tools,
        GenerationParams params, CacheProfile cache) {

    /** @throws IllegalArgumentException if there are no messages, the first is not a user message, or tool names repeat */
    public ChatRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(system, "system");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(cache, "cache");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("chat request for " + model + " has no messages");
        }
        if (messages.getFirst().role() != Role.USER) {
            throw new IllegalArgumentException(
                    "chat request for " + model + " must start with a USER message, not " + messages.getFirst().role());
        }
        if (tools.stream().map(ToolDescriptor::name).distinct().count() != tools.size()) {
            throw new IllegalArgumentException("chat request for " + model + " repeats a tool name");
        }
    }

    /** A request with one user message, no tools, default params and cache profile. */
    public static ChatRequest of(ModelId model, String system, String userText) {
        return new ChatRequest(model, system, List.of(ChatMessage.user(userText)), List.of(),
                GenerationParams.DEFAULT, CacheProfile.DEFAULT);
    }
}
