package dev.trellis.skills.internal.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Locale;

/**
 * YAML values as JSON (hooks and unknown keys are kept as JSON text). Integers become JSON integers of
 * any size, finite floats JSON numbers; {@code .inf}/{@code .nan}, which JSON cannot hold, and binary
 * data stay text as written. Mapping keys are the keys' text.
 */
final class JsonValues {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    /** @throws YamlProblem for a scalar whose explicit tag does not fit its text ({@code !!int abc}) */
    static JsonNode of(YamlNode node) {
        return switch (node) {
            case YamlNode.Scalar s -> scalar(s);
            case YamlNode.Sequence q -> {
                ArrayNode a = NODES.arrayNode(q.items().size());
                q.items().forEach(item -> a.add(of(item)));
                yield a;
            }
            case YamlNode.Mapping m -> {
                ObjectNode o = NODES.objectNode();
                m.entries().forEach(e -> o.set(e.key().value(), of(e.value())));
                yield o;
            }
        };
    }

    /** Compact JSON text of a YAML value. */
    static String text(YamlNode node) {
        return write(of(node));
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // a tree built from YAML scalars always serializes; this would be a Jackson bug
            throw new IllegalStateException("cannot write JSON of " + node.getNodeType(), e);
        }
    }

    private static JsonNode scalar(YamlNode.Scalar s) {
        String v = s.value();
        return switch (s.kind()) {
            case STRING -> NODES.textNode(v);
            case NULL -> NODES.nullNode();
            case BINARY -> NODES.textNode(v.replaceAll("\\s", ""));
            case BOOLEAN -> switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> NODES.booleanNode(true);
                case "false" -> NODES.booleanNode(false);
                default -> throw YamlProblem.at(s, "'" + v + "' is not a boolean (true or false)");
            };
            case INTEGER -> integer(s);
            case FLOAT -> decimal(s);
        };
    }

    private static JsonNode integer(YamlNode.Scalar s) {
        String v = s.value();
        String digits = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
        int radix = 10;
        if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0o")) {
            radix = 8;
            digits = digits.substring(2);
        }
        BigInteger n;
        try {
            n = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw YamlProblem.at(s, "'" + v + "' is not an integer");
        }
        if (v.startsWith("-")) {
            n = n.negate();
        }
        return n.bitLength() < Long.SIZE ? NODES.numberNode(n.longValue()) : NODES.numberNode(n);
    }

    private static JsonNode decimal(YamlNode.Scalar s) {
        String v = s.value();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".inf") || lower.equals(".nan")) {
            return NODES.textNode(v);
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw YamlProblem.at(s, "'" + v + "' is not a number");
        }
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(v);
    }
}
