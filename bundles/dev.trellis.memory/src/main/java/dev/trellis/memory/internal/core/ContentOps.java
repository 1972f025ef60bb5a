package dev.trellis.memory.internal.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.Schema;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Applies content ops to a block's content according to its schema, and validates/normalizes whole
 * contents.
 *
 * <p>Text forms: {@code text} and {@code skill} are plain text; {@code map} is a JSON object of
 * fields; {@code list} a JSON array of values; {@code log} a JSON array of entry objects, oldest first,
 * each stamped by the host with {@code at} (ISO-8601 instant) and {@code author}; {@code task-list} is
 * JSON owned by the task service (only {@code set} applies here). JSON contents are stored compact, in
 * the order given, so equal documents hash equally.
 *
 * <p>Map field declarations: the optional reserved field {@value #FIELDS_KEY} holds
 * {@code {"<field>": {"type": "text|number|boolean|list|timestamp|counter|object", "readOnly": bool}}}.
 * Declared types are checked on every write; read-only fields (and {@value #FIELDS_KEY} itself) cannot be
 * changed by {@code set-field}, only by replacing the whole content.
 */
public final class ContentOps {

    /** Reserved map field holding the field declarations. */
    public static final String FIELDS_KEY = "$fields";

    private final ObjectMapper mapper;

    public ContentOps(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Checks {@code content} is valid for {@code schema} and returns its stored form.
     *
     * @throws dev.trellis.api.memory.MemoryException {@code InvalidOperation} with the reason
     */
    public String normalize(BlockAddress address, Schema schema, String content) {
        return switch (schema) {
            case TEXT, SKILL -> content;
            case MAP -> write(checkMap(address, parse(address, content, "map content")));
            case LIST -> write(requireArray(address, parse(address, content, "list content"), "list content"));
            case LOG -> {
                ArrayNode entries = requireArray(address, parse(address, content, "log content"), "log content");
                for (int i = 0; i < entries.size(); i++) {
                    if (!entries.get(i).isObject()) {
                        throw Errors.invalid(address, "log entry " + i + " is not a JSON object");
                    }
                }
                yield write(entries);
            }
            case TASK_LIST -> write(parse(address, content, "task-list content"));
        };
    }

    /**
     * Applies a content op and returns the new stored content (not yet checked against the char limit).
     * {@code PatchMetadata} and {@code Delete} change no content and are rejected here.
     *
     * @param author who writes (stamped into log entries)
     * @param now    commit time (stamped into log entries)
     * @throws dev.trellis.api.memory.MemoryException {@code InvalidOperation}, {@code ReadOnlyField}
     */
    public String apply(BlockAddress address, Schema schema, String content, MemoryOp op, Author author, Instant now) {
        return switch (op) {
            case MemoryOp.Set set -> normalize(address, schema, set.content());
            case MemoryOp.Append append -> {
                requireSchema(address, schema, op, Schema.TEXT, Schema.SKILL);
                yield content + append.text();
            }
            case MemoryOp.Replace replace -> {
                requireSchema(address, schema, op, Schema.TEXT, Schema.SKILL);
                if (!content.contains(replace.oldText())) {
                    throw Errors.invalid(address, "replace: text '" + replace.oldText() + "' not found");
                }
                yield content.replace(replace.oldText(), replace.newText());
            }
            case MemoryOp.SetField setField -> {
                requireSchema(address, schema, op, Schema.MAP);
                yield setField(address, content, setField);
            }
            case MemoryOp.ListPush push -> {
                requireSchema(address, schema, op, Schema.LIST);
                ArrayNode items = requireArray(address, parse(address, content, "list content"), "list content");
                items.add(parse(address, push.jsonValue(), "list-push value"));
                yield write(items);
            }
            case MemoryOp.ListRemove remove -> {
                requireSchema(address, schema, op, Schema.LIST);
                ArrayNode items = requireArray(address, parse(address, content, "list content"), "list content");
                if (remove.index() >= items.size()) {
                    throw Errors.invalid(address, "list-remove: index " + remove.index() + " is out of range (list has "
                            + items.size() + " items)");
                }
                items.remove(remove.index());
                yield write(items);
            }
            case MemoryOp.LogAppend logAppend -> {
                requireSchema(address, schema, op, Schema.LOG);
                ArrayNode entries = requireArray(address, parse(address, content, "log content"), "log content");
                entries.add(stamp(address, logAppend.jsonEntry(), author, now));
                yield write(entries);
            }
            case MemoryOp.PatchMetadata p -> throw Errors.invalid(address, "patch-metadata changes no content");
            case MemoryOp.Delete d -> throw Errors.invalid(address, "delete changes no content");
        };
    }

    /** The entry as stored: host stamps first (a caller cannot forge them), then the caller's fields. */
    private ObjectNode stamp(BlockAddress address, String json, Author author, Instant now) {
        JsonNode given = parse(address, json, "log entry");
        ObjectNode fields;
        if (given.isObject()) {
            fields = (ObjectNode) given;
        } else if (given.isTextual()) {
            // a bare string is shorthand for {"message": ...}
            fields = mapper.createObjectNode().put("message", given.textValue());
        } else {
            throw Errors.invalid(address, "log entry must be a JSON object or string, was " + json);
        }
        ObjectNode entry = mapper.createObjectNode();
        entry.put("at", now.toString());
        entry.put("author", author.render());
        fields.properties().forEach(e -> {
            if (!e.getKey().equals("at") && !e.getKey().equals("author")) {
                entry.set(e.getKey(), e.getValue());
            }
        });
        return entry;
    }

    private String setField(BlockAddress address, String content, MemoryOp.SetField op) {
        ObjectNode map = requireObject(address, parse(address, content, "map content"));
        if (op.field().equals(FIELDS_KEY)) {
            throw Errors.of(new MemoryError.ReadOnlyField(address, op.field()));
        }
        Map<String, FieldDecl> decls = declarations(address, map);
        FieldDecl decl = decls.get(op.field());
        if (decl != null && decl.readOnly()) {
            throw Errors.of(new MemoryError.ReadOnlyField(address, op.field()));
        }
        JsonNode value = parse(address, op.jsonValue(), "value of field '" + op.field() + "'");
        if (decl != null && decl.type() != null && !decl.type().accepts(value)) {
            throw Errors.invalid(address, "field '" + op.field() + "' is " + decl.type().id() + ", not "
                    + describe(value) + " " + op.jsonValue());
        }
        map.set(op.field(), value);
        return write(map);
    }

    /** Field declarations of a map content; empty when none are declared. */
    public Map<String, FieldDecl> declarations(BlockAddress address, ObjectNode map) {
        JsonNode fields = map.get(FIELDS_KEY);
        Map<String, FieldDecl> result = new LinkedHashMap<>();
        if (fields == null) {
            return result;
        }
        if (!fields.isObject()) {
            throw Errors.invalid(address, FIELDS_KEY + " must be a JSON object of field declarations");
        }
        for (Map.Entry<String, JsonNode> e : fields.properties()) {
            JsonNode d = e.getValue();
            if (!d.isObject()) {
                throw Errors.invalid(address, FIELDS_KEY + "." + e.getKey() + " must be a JSON object");
            }
            FieldType type = null;
            JsonNode t = d.get("type");
            if (t != null) {
                try {
                    type = FieldType.parse(t.asText());
                } catch (IllegalArgumentException ex) {
                    throw Errors.invalid(address, FIELDS_KEY + "." + e.getKey() + ": " + ex.getMessage());
                }
            }
            result.put(e.getKey(), new FieldDecl(type, d.path("readOnly").asBoolean(false)));
        }
        return result;
    }

    private ObjectNode checkMap(BlockAddress address, JsonNode node) {
        ObjectNode map = requireObject(address, node);
        Map<String, FieldDecl> decls = declarations(address, map);
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldDecl decl = decls.get(e.getKey());
            if (decl != null && decl.type() != null && !decl.type().accepts(e.getValue())) {
                throw Errors.invalid(address, "field '" + e.getKey() + "' is " + decl.type().id() + ", not "
                        + describe(e.getValue()) + " " + write(e.getValue()));
            }
        }
        return map;
    }

    /** A declared map field. @param type null if only read-only is declared */
    public record FieldDecl(FieldType type, boolean readOnly) {
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static void requireSchema(BlockAddress address, Schema actual, MemoryOp op, Schema... allowed) {
        for (Schema s : allowed) {
            if (s == actual) {
                return;
            }
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < allowed.length; i++) {
            names.append(i == 0 ? "" : i == allowed.length - 1 ? " or " : ", ").append(allowed[i].id());
        }
        throw Errors.invalid(address, op.kind() + " applies to " + names + " blocks, not " + actual.id());
    }

    /** Parses JSON text; {@code what} names it in the error. */
    public JsonNode parse(BlockAddress address, String json, String what) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw Errors.invalid(address, what + " is empty, expected JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw Errors.invalid(address, what + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private static ArrayNode requireArray(BlockAddress address, JsonNode node, String what) {
        if (!node.isArray()) {
            throw Errors.invalid(address, what + " must be a JSON array");
        }
        return (ArrayNode) node;
    }

    private static ObjectNode requireObject(BlockAddress address, JsonNode node) {
        if (!node.isObject()) {
            throw Errors.invalid(address, "map content must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Compact JSON text. */
    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // a tree built by Jackson always serializes
            throw new IllegalStateException("cannot write JSON tree", e);
        }
    }
}
