package dev.trellis.provider.openai.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.provider.support.Json;
import dev.trellis.provider.support.Schemas;

/**
 * Request body of {@code POST /responses} (API and codex backend) with {@code stream: true} and
 * {@code store: false}: the whole conversation is sent each time, reasoning travels as encrypted
 * content ({@code include: ["reasoning.encrypted_content"]}) and comes back in {@code reasoning} items.
 */
final class ResponsesRequest {

    private ResponsesRequest() {
    }

    /**
     * @param codex            the ChatGPT backend: instructions always present, no max_output_tokens
     * @param reasoningSummary reasoning.summary for reasoning models, empty for none
     * @throws ModelException {@code BadRequest} for stop sequences, which the Responses API does not take
     */
    static ObjectNode encode(ChatRequest request, OpenAiRouting.Route route, boolean codex, String reasoningSummary) {
        if (!request.params().stopSequences().isEmpty()) {
            throw new ModelException(new ModelError.BadRequest("openai",
                    "the Responses API (model " + route.wireModel() + ") does not support stop sequences"));
        }
        ObjectNode body = Json.object();
        body.put("model", route.wireModel());
        if (codex || !request.system().isEmpty()) {
            body.put("instructions", request.system());
        }
        ArrayNode input = body.putArray("input");
        for (ChatMessage m : request.messages()) {
            switch (m.role()) {
                case USER -> user(m, input);
                case ASSISTANT -> assistant(m, input);
                case TOOL -> m.parts().forEach(p -> {
                    if (p instanceof ContentPart.ToolResult r) {
                        input.addObject().put("type", "function_call_output").put("call_id", r.callId())
                                .put("output", r.content());
                    }
                });
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDescriptor t : request.tools()) {
                ObjectNode f = tools.addObject().put("type", "function").put("name", t.name())
                        .put("description", t.description());
                f.set("parameters", Schemas.of("openai", t));
                f.put("strict", false);
            }
            body.put("tool_choice", "auto");
            body.put("parallel_tool_calls", true);
        }
        if (route.reasoning()) {
            if (!reasoningSummary.isBlank()) {
                body.putObject("reasoning").put("summary", reasoningSummary);
            }
            body.putArray("include").add("reasoning.encrypted_content");
        }
        body.put("store", false);
        body.put("stream", true);
        if (!codex) {
            request.params().maxOutputTokens().ifPresent(n -> body.put("max_output_tokens", n));
        }
        request.params().temperature().ifPresent(t -> body.put("temperature", t));
        return body;
    }

    private static void user(ChatMessage m, ArrayNode input) {
        ObjectNode msg = input.addObject().put("type", "message").put("role", "user");
        ArrayNode content = msg.putArray("content");
        for (ContentPart p : m.parts()) {
            switch (p) {
                case ContentPart.Text t -> content.addObject().put("type", "input_text").put("text", t.text());
                case ContentPart.Image i -> content.addObject().put("type", "input_image")
                        .put("image_url", "data:" + i.mediaType() + ";base64," + i.base64());
                default -> {
                    // ChatMessage admits only text and images in user messages
                }
            }
        }
    }

    private static void assistant(ChatMessage m, ArrayNode input) {
        ArrayNode text = null;
        for (ContentPart p : m.parts()) {
            switch (p) {
                case ContentPart.Text t -> {
                    if (text == null) {
                        text = input.addObject().put("type", "message").put("role", "assistant").putArray("content");
                    }
                    text.addObject().put("type", "output_text").put("text", t.text());
                }
                case ContentPart.ToolCall c -> {
                    text = null;
                    input.addObject().put("type", "function_call").put("call_id", c.callId()).put("name", c.name())
                            .put("arguments", c.argumentsJson());
                }
                case ContentPart.Thinking th -> {
                    text = null;
                    // without the encrypted content (store=false) a reasoning item cannot be sent back
                    th.signature().ifPresent(sig -> {
                        ObjectNode r = input.addObject().put("type", "reasoning");
                        ArrayNode summary = r.putArray("summary");
                        if (!th.text().isEmpty()) {
                            summary.addObject().put("type", "summary_text").put("text", th.text());
                        }
                        r.put("encrypted_content", sig);
                    });
                }
                default -> {
                }
            }
        }
    }
}
