package dev.trellis.provider.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The one Jackson {@link ObjectMapper} of a provider bundle and the few tree helpers the wire mappers
 * use. Requests are built as trees and stream events read as trees: every vendor's events are tagged
 * unions, and reading them field by field gives errors that say which event and field was wrong.
 */
public final class Json {

    /** Thread-safe once configured; never reconfigured. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Serializes a request body. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /**
     * Parses the data of an SSE event.
     *
     * @throws MalformedEventException naming the event and the position of the error
     */
    public static JsonNode parse(SseEvent event) {
        try {
            JsonNode node = MAPPER.readTree(event.data());
            if (node == null || !node.isObject()) {
                throw new MalformedEventException(event.where() + ": data is not a JSON object: " + preview(event.data()));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(event.where() + ": bad JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + " in "
                    + preview(event.data()), e);
        }
    }

    /** Parses JSON text; empty for text that is not JSON. */
    public static Optional<JsonNode> tryParse(String text) {
        try {
            return Optional.ofNullable(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Parses JSON object text given by a caller (e.g. tool arguments), or wraps it as a string. */
    public static JsonNode objectOrString(String text) {
        return tryParse(text).filter(JsonNode::isObject).orElseGet(() -> MAPPER.getNodeFactory().textNode(text));
    }

    /**
     * A required text field.
     *
     * @throws MalformedEventException if it is missing or not text
     */
    public static String required(JsonNode node, String field, SseEvent where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new MalformedEventException(where.where() + ": field '" + field + "' is missing or not text");
        }
        return v.asText();
    }

    /**
     * A required integer field.
     *
     * @throws MalformedEventException if it is missing or not an integer
     */
    public static int requiredInt(JsonNode node, String field, SseEvent where) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new MalformedEventException(where.where() + ": field '" + field + "' is missing or not an integer");
        }
        return v.asInt();
    }

    /** A non-negative count, 0 when absent. */
    public static long count(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? Math.max(0, v.asLong()) : 0;
    }

    static String preview(String data) {
        return data.length() <= 200 ? data : data.substring(0, 200) + "…";
    }
}
