package dev.trellis.provider.openai.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.provider.support.Json;
import dev.trellis.provider.support.Schemas;

/**
 * Request body of {@code POST /v1/chat/completions} with {@code stream: true} and usage in the last
 * chunk. Thinking parts are not sent: Chat Completions has no way to return reasoning.
 */
final class ChatCompletionsRequest {

    private ChatCompletionsRequest() {
    }

    static ObjectNode encode(ChatRequest request, String model) {
        ObjectNode body = Json.object();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        if (!request.system().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (ChatMessage m : request.messages()) {
            switch (m.role()) {
                case USER -> messages.add(user(m));
                case ASSISTANT -> assistant(m, messages);
                case TOOL -> m.parts().forEach(p -> {
                    if (p instanceof ContentPart.ToolResult r) {
                        messages.addObject().put("role", "tool").put("tool_call_id", r.callId()).put("content", r.content());
                    }
                });
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDescriptor t : request.tools()) {
                ObjectNode f = tools.addObject().put("type", "function").putObject("function");
                f.put("name", t.name()).put("description", t.description());
                f.set("parameters", Schemas.of("openai", t));
            }
        }
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        request.params().maxOutputTokens().ifPresent(n -> body.put("max_completion_tokens", n));
        request.params().temperature().ifPresent(t -> body.put("temperature", t));
        if (!request.params().stopSequences().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.params().stopSequences().forEach(stop::add);
        }
        return body;
    }

    private static ObjectNode user(ChatMessage m) {
        ObjectNode msg = Json.object().put("role", "user");
        if (m.parts().size() == 1 && m.parts().getFirst() instanceof ContentPart.Text t) {
            msg.put("content", t.text());
            return msg;
        }
        ArrayNode content = msg.putArray("content");
        for (ContentPart p : m.parts()) {
            switch (p) {
                case ContentPart.Text t -> content.addObject().put("type", "text").put("text", t.text());
                case ContentPart.Image i -> content.addObject().put("type", "image_url").putObject("image_url")
                        .put("url", "data:" + i.mediaType() + ";base64," + i.base64());
                default -> {
                    // ChatMessage admits only text and images in user messages
                }
            }
        }
        return msg;
    }

    private static void assistant(ChatMessage m, ArrayNode messages) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.array();
        for (ContentPart p : m.parts()) {
            switch (p) {
                case ContentPart.Text t -> text.append(t.text());
                case ContentPart.ToolCall c -> calls.addObject().put("id", c.callId()).put("type", "function")
                        .putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
                default -> {
                    // thinking cannot be sent back through Chat Completions
                }
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return; // only reasoning: nothing this API can carry
        }
        ObjectNode msg = messages.addObject().put("role", "assistant");
        if (text.isEmpty()) {
            msg.putNull("content");
        } else {
            msg.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
    }
}
