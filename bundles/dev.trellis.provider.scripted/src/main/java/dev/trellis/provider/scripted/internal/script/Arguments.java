package dev.trellis.provider.scripted.internal.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The arguments object of a scripted tool call: a tree of maps, lists, numbers, booleans, nulls and
 * {@link Template} strings, written as JSON text when played.
 */
public final class Arguments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> tree;

    Arguments(Map<String, Object> tree) {
        this.tree = tree;
    }

    /** No arguments: {@code {}}. */
    public static Arguments empty() {
        return new Arguments(Map.of());
    }

    /** The JSON object text with placeholders replaced. */
    public String render(UnaryOperator<String> values) {
        try {
            return JSON.writeValueAsString(resolve(tree, values));
        } catch (JsonProcessingException e) {
            // only maps, lists, strings, numbers, booleans and nulls are in the tree
            throw new IllegalStateException("cannot write tool arguments as JSON", e);
        }
    }

    private static Object resolve(Object node, UnaryOperator<String> values) {
        return switch (node) {
            case Template t -> t.render(values);
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put((String) k, resolve(v, values)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(v -> out.add(resolve(v, values)));
                yield out;
            }
            case null -> null;
            default -> node;
        };
    }

    /** Parses JSON object text into a tree whose strings may hold placeholders. */
    static Arguments fromJson(String json, Location where) throws ScriptException {
        Object parsed;
        try {
            parsed = JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new ScriptException(where, "args is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new ScriptException(where, "args must be a JSON object, not " + json.strip());
        }
        return new Arguments(templated(map, where));
    }

    @SuppressWarnings("unchecked")
    private static <T> T templated(Object node, Location where) throws ScriptException {
        return (T) switch (node) {
            case String s -> Template.parse(s, where);
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.put((String) e.getKey(), templated(e.getValue(), where));
                }
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (Object v : l) {
                    out.add(templated(v, where));
                }
                yield out;
            }
            case null -> null;
            default -> node;
        };
    }
}
