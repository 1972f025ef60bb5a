package dev.trellis.agent.internal.turn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.model.ContentPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored form of a message's parts: a JSON array of objects with a {@code type} of {@code text},
 * {@code thinking}, {@code tool_call}, {@code tool_result} or {@code image}. Kept stable: it is in
 * every stored message.
 */
public final class Parts {

    static final ObjectMapper JSON = new ObjectMapper();

    private Parts() {
    }

    public static String toJson(List<ContentPart> parts) {
        ArrayNode array = JSON.createArrayNode();
        for (ContentPart p : parts) {
            ObjectNode o = array.addObject();
            switch (p) {
                case ContentPart.Text t -> o.put("type", "text").put("text", t.text());
                case ContentPart.Thinking t -> {
                    o.put("type", "thinking").put("text", t.text());
                    t.signature().ifPresent(s -> o.put("signature", s));
                }
                case ContentPart.ToolCall c -> o.put("type", "tool_call").put("id", c.callId()).put("name", c.name())
                        .put("arguments", c.argumentsJson());
                case ContentPart.ToolResult r -> o.put("type", "tool_result").put("id", r.callId()).put("content", r.content())
                        .put("error", r.error());
                case ContentPart.Image i -> o.put("type", "image").put("media_type", i.mediaType()).put("data", i.base64());
            }
        }
        return array.toString();
    }

    /** @throws IllegalArgumentException if the text is not what {@link #toJson} writes */
    public static List<ContentPart> fromJson(String json) {
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored message parts are not JSON: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("stored message parts are not a JSON array");
        }
        List<ContentPart> out = new ArrayList<>();
        for (JsonNode o : array) {
            String type = o.path("type").asText("");
            out.add(switch (type) {
                case "text" -> new ContentPart.Text(text(o, "text"));
                case "thinking" -> new ContentPart.Thinking(text(o, "text"),
                        o.hasNonNull("signature") ? Optional.of(o.get("signature").asText()) : Optional.empty());
                case "tool_call" -> new ContentPart.ToolCall(text(o, "id"), text(o, "name"), text(o, "arguments"));
                case "tool_result" -> new ContentPart.ToolResult(text(o, "id"), text(o, "content"), o.path("error").asBoolean());
                case "image" -> new ContentPart.Image(text(o, "media_type"), text(o, "data"));
                default -> throw new IllegalArgumentException("stored message part has unknown type '" + type + "'");
            });
        }
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("stored message part " + o.path("type").asText() + " has no text '" + field + "'");
        }
        return v.textValue();
    }
}
