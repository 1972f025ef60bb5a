package dev.trellis.provider.gemini.internal;

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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Request body of {@code models/<model>:streamGenerateContent}: {@code contents} with roles
 * {@code user}/{@code model} (tool results are user turns carrying {@code functionResponse}s, named after
 * the call they answer), {@code systemInstruction}, {@code tools.functionDeclarations} with JSON Schema
 * parameters, and {@code generationConfig}. A thinking part's signature is put back on the part that
 * follows it, where Gemini sent it ({@code thoughtSignature}).
 */
final class GeminiRequest {

    /** Prefix of call ids made up for function calls Gemini sent without an id; never sent back. */
    static final String LOCAL_ID = "gfc_";

    private GeminiRequest() {
    }

    static ObjectNode encode(ChatRequest request, boolean includeThoughts) {
        ObjectNode body = Json.object();
        if (!request.system().isEmpty()) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", request.system());
        }
        Map<String, String> callNames = new HashMap<>();
        ArrayNode contents = body.putArray("contents");
        String role = null;
        ArrayNode parts = null;
        for (ChatMessage m : request.messages()) {
            String wireRole = m.role() == Role.ASSISTANT ? "model" : "user";
            ArrayNode these = parts(m, callNames);
            if (these.isEmpty()) {
                continue;
            }
            if (!wireRole.equals(role)) {
                ObjectNode content = contents.addObject().put("role", wireRole);
                parts = content.putArray("parts");
                role = wireRole;
            }
            parts.addAll(these);
        }
        if (!request.tools().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (ToolDescriptor t : request.tools()) {
                ObjectNode d = declarations.addObject().put("name", t.name()).put("description", t.description());
                d.set("parametersJsonSchema", Schemas.of("gemini", t));
            }
        }
        ObjectNode config = Json.object();
        request.params().maxOutputTokens().ifPresent(n -> config.put("maxOutputTokens", n));
        request.params().temperature().ifPresent(t -> config.put("temperature", t));
        if (!request.params().stopSequences().isEmpty()) {
            ArrayNode stop = config.putArray("stopSequences");
            request.params().stopSequences().forEach(stop::add);
        }
        if (includeThoughts) {
            config.putObject("thinkingConfig").put("includeThoughts", true);
        }
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        return body;
    }

    private static ArrayNode parts(ChatMessage m, Map<String, String> callNames) {
        ArrayNode out = Json.array();
        Optional<String> signature = Optional.empty();
        for (ContentPart p : m.parts()) {
            ObjectNode part = null;
            switch (p) {
                case ContentPart.Thinking t -> signature = t.signature();
                case ContentPart.Text t -> part = Json.object().put("text", t.text());
                case ContentPart.Image i -> {
                    part = Json.object();
                    part.putObject("inlineData").put("mimeType", i.mediaType()).put("data", i.base64());
                }
                case ContentPart.ToolCall c -> {
                    callNames.put(c.callId(), c.name());
                    JsonNode args = Json.tryParse(c.argumentsJson().isBlank() ? "{}" : c.argumentsJson())
                            .filter(JsonNode::isObject).orElseThrow(() -> new ModelException(new ModelError.BadRequest(
                                    "gemini", "tool call " + c.callId() + " has arguments that are not a JSON object")));
                    part = Json.object();
                    ObjectNode call = part.putObject("functionCall").put("name", c.name());
                    if (!c.callId().startsWith(LOCAL_ID)) {
                        call.put("id", c.callId());
                    }
                    call.set("args", args);
                }
                case ContentPart.ToolResult r -> {
                    String name = callNames.get(r.callId());
                    if (name == null) {
                        throw new ModelException(new ModelError.BadRequest("gemini", "tool result " + r.callId()
                                + " answers no earlier tool call (Gemini needs the function name)"));
                    }
                    part = Json.object();
                    ObjectNode response = part.putObject("functionResponse").put("name", name);
                    if (!r.callId().startsWith(LOCAL_ID)) {
                        response.put("id", r.callId());
                    }
                    JsonNode parsed = Json.tryParse(r.content()).filter(JsonNode::isObject).orElse(null);
                    if (parsed != null && !r.error()) {
                        response.set("response", parsed);
                    } else {
                        response.putObject("response").put(r.error() ? "error" : "result", r.content());
                    }
                }
            }
            if (part != null) {
                if (signature.isPresent()) {
                    part.put("thoughtSignature", signature.get());
                    signature = Optional.empty();
                }
                out.add(part);
            }
        }
        return out;
    }
}
