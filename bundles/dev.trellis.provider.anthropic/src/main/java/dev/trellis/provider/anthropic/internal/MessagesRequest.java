package dev.trellis.provider.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.Role;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.provider.support.Json;
import dev.trellis.provider.support.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Request body of {@code POST /v1/messages} with {@code stream: true}: system blocks, tools, messages
 * (tool results are user turns; consecutive turns of one role are merged, tool results first),
 * signed thinking blocks sent back verbatim (unsigned ones are dropped: Anthropic rejects them),
 * extended thinking when configured, and the {@link CachePlan} breakpoints.
 */
final class MessagesRequest {

    static final String EXTENDED_TTL_BETA = "extended-cache-ttl-2025-04-11";
    /** Prefix of the opaque thinking signature that carries a {@code redacted_thinking} block's data. */
    static final String REDACTED = "redacted_thinking:";

    /** The body and the {@code anthropic-beta} values it needs. */
    record Encoded(ObjectNode body, Set<String> betas, boolean thinking) {
    }

    private MessagesRequest() {
    }

    static Encoded encode(ChatRequest request, String model, int defaultMaxTokens, int thinkingBudget, List<String> extraBetas) {
        ObjectNode body = Json.object();
        body.put("model", model);
        int maxTokens = request.params().maxOutputTokens().orElse(defaultMaxTokens);
        body.put("max_tokens", maxTokens);
        boolean thinking = thinkingBudget >= 1024 && maxTokens > thinkingBudget;
        if (thinking) {
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", thinkingBudget);
        } else {
            // with thinking on, Anthropic accepts only the default temperature
            request.params().temperature().ifPresent(t -> body.put("temperature", t));
        }
        if (!request.params().stopSequences().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            request.params().stopSequences().forEach(stop::add);
        }
        ObjectNode systemBlock = null;
        if (!request.system().isEmpty()) {
            systemBlock = body.putArray("system").addObject().put("type", "text").put("text", request.system());
        }
        ObjectNode lastTool = null;
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDescriptor t : request.tools()) {
                lastTool = tools.addObject().put("name", t.name()).put("description", t.description());
                lastTool.set("input_schema", Schemas.of("anthropic", t));
            }
        }
        ObjectNode[] lastBlock = new ObjectNode[request.messages().size()];
        body.set("messages", messages(request.messages(), lastBlock));
        body.put("stream", true);

        Set<String> betas = new LinkedHashSet<>();
        extraBetas.stream().map(String::strip).filter(b -> !b.isEmpty()).forEach(betas::add);
        for (CachePlan.Breakpoint b : CachePlan.plan(systemBlock != null, lastTool != null, request.messages(), request.cache())) {
            ObjectNode target = switch (b.target()) {
                case CachePlan.System s -> systemBlock;
                case CachePlan.LastTool t -> lastTool;
                case CachePlan.Message m -> lastBlock[m.message()];
            };
            if (target == null) {
                continue; // a message with nothing cacheable (only thinking)
            }
            ObjectNode cc = target.putObject("cache_control").put("type", "ephemeral");
            if (b.oneHour()) {
                cc.put("ttl", "1h");
                betas.add(EXTENDED_TTL_BETA);
            }
        }
        return new Encoded(body, betas, thinking);
    }

    private static ArrayNode messages(List<ChatMessage> messages, ObjectNode[] lastBlock) {
        ArrayNode out = Json.array();
        String role = null;
        ArrayNode content = null;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            String wireRole = m.role() == Role.ASSISTANT ? "assistant" : "user";
            List<ObjectNode> blocks = blocks(m);
            if (blocks.isEmpty()) {
                continue;
            }
            if (!wireRole.equals(role)) {
                ObjectNode msg = out.addObject().put("role", wireRole);
                content = msg.putArray("content");
                role = wireRole;
            }
            for (ObjectNode b : blocks) {
                content.add(b);
                String type = b.path("type").asText();
                if (!type.equals("thinking") && !type.equals("redacted_thinking")) {
                    lastBlock[i] = b; // thinking blocks cannot carry cache_control
                }
            }
        }
        return out;
    }

    private static List<ObjectNode> blocks(ChatMessage m) {
        List<ObjectNode> out = new ArrayList<>();
        for (ContentPart p : m.parts()) {
            switch (p) {
                case ContentPart.Text t -> {
                    if (!t.text().isEmpty()) { // Anthropic rejects empty text blocks
                        out.add(Json.object().put("type", "text").put("text", t.text()));
                    }
                }
                case ContentPart.Image i -> {
                    ObjectNode b = Json.object().put("type", "image");
                    b.putObject("source").put("type", "base64").put("media_type", i.mediaType()).put("data", i.base64());
                    out.add(b);
                }
                case ContentPart.ToolCall c -> {
                    JsonNode input = Json.tryParse(c.argumentsJson().isBlank() ? "{}" : c.argumentsJson())
                            .filter(JsonNode::isObject).orElseThrow(() -> new ModelException(new ModelError.BadRequest(
                                    "anthropic", "tool call " + c.callId() + " has arguments that are not a JSON object")));
                    ObjectNode b = Json.object().put("type", "tool_use").put("id", c.callId()).put("name", c.name());
                    b.set("input", input);
                    out.add(b);
                }
                case ContentPart.ToolResult r -> {
                    ObjectNode b = Json.object().put("type", "tool_result").put("tool_use_id", r.callId())
                            .put("content", r.content());
                    if (r.error()) {
                        b.put("is_error", true);
                    }
                    out.add(b);
                }
                case ContentPart.Thinking th -> th.signature().ifPresent(sig -> out.add(sig.startsWith(REDACTED)
                        ? Json.object().put("type", "redacted_thinking").put("data", sig.substring(REDACTED.length()))
                        : Json.object().put("type", "thinking").put("thinking", th.text()).put("signature", sig)));
            }
        }
        return out;
    }
}
