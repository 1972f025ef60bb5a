package dev.trellis.tasks.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.Patch;
import dev.trellis.api.tasks.TaskStatus;
import dev.trellis.tasks.internal.format.TaskListJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The arguments of one task tool call, read by name. Every problem is an {@link IllegalArgumentException}
 * naming the argument, what it must be and what was given, so the model can correct the call.
 */
record ToolArgs(JsonNode node) {

    private <T> Optional<T> optional(String name, Predicate<JsonNode> fits, Function<JsonNode, T> value, String what) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!fits.test(v)) {
            throw new IllegalArgumentException("argument '" + name + "' must be " + what + ", got " + v);
        }
        return Optional.of(value.apply(v));
    }

    private static <T> T required(String name, Optional<T> value, String what) {
        return value.orElseThrow(() -> new IllegalArgumentException("missing argument '" + name + "' (" + what + ")"));
    }

    Optional<String> optText(String name) {
        return optional(name, JsonNode::isTextual, JsonNode::textValue, "a string");
    }

    String text(String name) {
        return required(name, optText(name), "a string");
    }

    Optional<Boolean> optBoolean(String name) {
        return optional(name, JsonNode::isBoolean, JsonNode::booleanValue, "true or false");
    }

    Optional<Integer> optInt(String name, int min, int max) {
        Optional<Integer> v = optional(name, n -> n.canConvertToInt() && n.isIntegralNumber(), JsonNode::intValue,
                "a whole number");
        v.ifPresent(i -> {
            if (i < min || i > max) {
                throw new IllegalArgumentException("argument '" + name + "' must be " + min + ".." + max + ", got " + i);
            }
        });
        return v;
    }

    /** {@code local:<project>} or {@code global:<persona>}. */
    Scope scope() {
        try {
            return Scope.parse(text("scope"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("argument 'scope': " + e.getMessage(), e);
        }
    }

    /** A task list handle: a block label of the scope. */
    String list(String name) {
        String handle = text(name);
        return ref(name, handle).block();
    }

    /** {@code handle} or {@code handle#item}, located errors. */
    EdgeRef ref(String name) {
        return ref(name, text(name));
    }

    private static EdgeRef ref(String name, String text) {
        try {
            return TaskListJson.edgeRef(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("argument '" + name + "': " + e.getMessage(), e);
        }
    }

    TaskStatus status(String name, String text) {
        try {
            return TaskStatus.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("argument '" + name + "': " + e.getMessage(), e);
        }
    }

    /** A status or a list of statuses (any of). */
    List<TaskStatus> statuses(String name) {
        JsonNode v = node.get(name);
        List<TaskStatus> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            out.add(status(name, v.textValue()));
            return out;
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("argument '" + name + "' must be a status or a list of statuses, got " + v);
        }
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw new IllegalArgumentException("argument '" + name + "' must list statuses as strings, got " + s);
            }
            out.add(status(name, s.textValue()));
        }
        return out;
    }

    Optional<List<String>> optTextList(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("argument '" + name + "' must be a list of strings, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw new IllegalArgumentException("argument '" + name + "' must list strings, got " + s);
            }
            out.add(s.textValue());
        }
        return Optional.of(out);
    }

    /** Three states: key missing = absent, {@code null} = clear, a string = set. */
    Patch<String> textPatch(String name) {
        JsonNode v = node.get(name);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw new IllegalArgumentException("argument '" + name + "' must be a string or null (to clear), got " + v);
        }
        return Patch.fromJson(node.has(name), v == null || v.isNull() ? null : v.textValue());
    }

    /** Three states for a JSON object value, carried as JSON text. */
    Patch<String> objectPatch(String name) {
        JsonNode v = node.get(name);
        if (v != null && !v.isNull() && !v.isObject()) {
            throw new IllegalArgumentException("argument '" + name + "' must be a JSON object or null (to clear), got " + v);
        }
        return Patch.fromJson(node.has(name), v == null || v.isNull() ? null : v.toString());
    }

    /** A JSON object argument as text; {@code {}} when missing. */
    String object(String name) {
        return optional(name, JsonNode::isObject, JsonNode::toString, "a JSON object").orElse("{}");
    }
}
