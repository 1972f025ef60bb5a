package dev.trellis.tasks.internal.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.schema.SchemaViolation;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.TaskComment;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskList;
import dev.trellis.api.tasks.TaskListSettings;
import dev.trellis.api.tasks.TaskStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The JSON form of a task list, as stored in the content of a {@code task-list} block:
 *
 * <pre>{@code
 * {"default_owner": "ada", "default_status": "pending", "display_limit": 20,
 *  "items": [{"id": "0cq6v1x2m4k8p", "subject": "Write the spec", "description": "…",
 *             "active_form": "writing the spec", "status": "in-progress", "owner": "ada",
 *             "blocks": ["review", "review#0cq6v1x2m4k8q"], "metadata": {"priority": "high"},
 *             "comments": [{"author": "agent ada", "at": "2026-…Z", "text": "…"}],
 *             "created_at": "2026-…Z", "updated_at": "2026-…Z", "completed_at": "2026-…Z"}]}
 * }</pre>
 *
 * <p>{@link #format} writes the canonical form: compact, fields in that order, {@code default_owner},
 * {@code description}, {@code active_form}, {@code owner}, {@code blocks}, {@code metadata},
 * {@code comments} and {@code completed_at} left out when empty, metadata keys sorted. {@link #parse}
 * reads it back equal (and accepts more: any field order and whitespace, {@code null} for any optional
 * field, edge refs as {@code "handle"} or {@code "handle#item"} strings or {@code {"block": …, "task_item": …}}
 * objects). Every problem is a {@link SchemaViolation} whose location gives line, column and path,
 * e.g. {@code line 1, column 58 (items[0].status)}.
 *
 * <p>Parsing for a write ({@link Minting}) fills in what a person or a plain memory write may leave out of a
 * new item: an id, the list's default status and owner, and the timestamps; a strict parse
 * ({@link #parse(String)}) requires ids and timestamps, and takes a missing status as the list's default.
 */
public final class TaskListJson {

    /** Fills in new items during a parse for a write. */
    public interface Minting {
        /** A fresh id. */
        TaskId newId();

        /** The time stamped on new items. */
        Instant now();
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final String ROOT_FIELDS = "default_owner, default_status, display_limit, items";
    private static final String ITEM_FIELDS = "id, subject, description, active_form, status, owner, blocks, metadata,"
            + " comments, created_at, updated_at, completed_at";

    private TaskListJson() {
    }

    /** Strict parse of stored content: ids and timestamps required. @throws SchemaViolation */
    public static TaskList parse(String json) {
        return new Reader(json, Optional.empty()).list();
    }

    /** Parse for a write: new items get an id, the list defaults and timestamps. @throws SchemaViolation */
    public static TaskList parse(String json, Minting minting) {
        return new Reader(json, Optional.of(Objects.requireNonNull(minting, "minting"))).list();
    }

    /** The canonical, compact form. */
    public static String format(TaskList list) {
        Objects.requireNonNull(list, "list");
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            TaskListSettings s = list.settings();
            if (s.defaultOwner().isPresent()) {
                g.writeStringField("default_owner", s.defaultOwner().get());
            }
            g.writeStringField("default_status", s.defaultStatus().id());
            g.writeNumberField("display_limit", s.displayLimit());
            g.writeArrayFieldStart("items");
            for (TaskItem item : list.items()) {
                writeItem(g, item);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a task list to a string cannot fail", e);
        }
        return out.toString();
    }

    private static void writeItem(JsonGenerator g, TaskItem item) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", item.id().format());
        g.writeStringField("subject", item.subject());
        if (!item.description().isEmpty()) {
            g.writeStringField("description", item.description());
        }
        if (item.activeForm().isPresent()) {
            g.writeStringField("active_form", item.activeForm().get());
        }
        g.writeStringField("status", item.status().id());
        if (item.owner().isPresent()) {
            g.writeStringField("owner", item.owner().get());
        }
        if (!item.blocks().isEmpty()) {
            g.writeArrayFieldStart("blocks");
            for (EdgeRef ref : item.blocks()) {
                g.writeString(ref.toString());
            }
            g.writeEndArray();
        }
        JsonNode metadata = canonicalMetadata(item.metadataJson());
        if (!metadata.isEmpty()) {
            g.writeFieldName("metadata");
            MAPPER.writeTree(g, metadata);
        }
        if (!item.comments().isEmpty()) {
            g.writeArrayFieldStart("comments");
            for (TaskComment c : item.comments()) {
                g.writeStartObject();
                g.writeStringField("author", c.author());
                g.writeStringField("at", c.at().toString());
                g.writeStringField("text", c.text());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeStringField("created_at", item.createdAt().toString());
        g.writeStringField("updated_at", item.updatedAt().toString());
        if (item.completedAt().isPresent()) {
            g.writeStringField("completed_at", item.completedAt().get().toString());
        }
        g.writeEndObject();
    }

    /**
     * Metadata as an object with keys sorted at every level.
     *
     * @throws IllegalArgumentException if the text is not a JSON object
     */
    public static ObjectNode canonicalMetadata(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("metadata must be a JSON object, was " + json);
        }
        return (ObjectNode) sorted(node);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
            ObjectNode out = MAPPER.createObjectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = MAPPER.createArrayNode();
            node.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return node;
    }

    /** Compact JSON text of a canonical metadata object. */
    public static String metadataText(JsonNode metadata) {
        try {
            return MAPPER.writeValueAsString(sorted(metadata));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text form an edge ref must have, or an exception saying what is wrong with it. */
    public static EdgeRef edgeRef(String text) {
        EdgeRef ref = EdgeRef.parse(text);
        if (!BlockAddress.LABEL.matcher(ref.block()).matches()) {
            throw new IllegalArgumentException("edge ref '" + text + "': block handle '" + ref.block()
                    + "' is not a block label (letters, digits, '_', '.', '-', '/'; 1 to 128 characters)");
        }
        return ref;
    }

    /** One parse: a streaming reader that knows where it is, so every error names line, column and path. */
    private static final class Reader {

        private final String json;
        private final Optional<Minting> minting;
        private JsonParser p;

        /** An item before the list defaults are known (they may come after the items). */
        private record Pending(TaskId id, boolean minted, String subject, String description, Optional<String> activeForm,
                Optional<TaskStatus> status, Optional<String> owner, List<EdgeRef> blocks, String metadata,
                List<TaskComment> comments, Instant createdAt, Instant updatedAt, Optional<Instant> completedAt) {
        }

        Reader(String json, Optional<Minting> minting) {
            this.json = Objects.requireNonNull(json, "json");
            this.minting = minting;
        }

        TaskList list() {
            try (JsonParser parser = FACTORY.createParser(json)) {
                p = parser;
                return root();
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                throw new SchemaViolation(at == null ? "" : where(at, ""), "not valid JSON: " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("reading a string cannot fail", e);
            }
        }

        private TaskList root() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw fail("", "a task list is a JSON object such as {\"items\": []}, found " + found());
            }
            Optional<String> defaultOwner = Optional.empty();
            TaskStatus defaultStatus = TaskListSettings.DEFAULT.defaultStatus();
            int displayLimit = TaskListSettings.DEFAULT.displayLimit();
            List<Pending> items = List.of();
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!seen.add(name)) {
                    throw fail(name, "field '" + name + "' appears twice");
                }
                p.nextToken();
                switch (name) {
                    case "default_owner" -> defaultOwner = optText(name);
                    case "default_status" -> defaultStatus = optStatus(name).orElse(defaultStatus);
                    case "display_limit" -> {
                        if (p.currentToken() != JsonToken.VALUE_NULL) {
                            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 1
                                    || p.getLongValue() > Integer.MAX_VALUE) {
                                throw fail(name, "display_limit must be a whole number of at least 1, found " + found());
                            }
                            displayLimit = p.getIntValue();
                        }
                    }
                    case "items" -> items = items();
                    default -> throw fail(name, "unknown field '" + name + "' (a task list has " + ROOT_FIELDS + ")");
                }
            }
            if (p.nextToken() != null) {
                throw fail("", "unexpected " + found() + " after the end of the task list");
            }
            TaskListSettings settings = new TaskListSettings(defaultOwner, defaultStatus, displayLimit);
            List<TaskItem> out = new ArrayList<>(items.size());
            for (Pending i : items) {
                out.add(new TaskItem(i.id(), i.subject(), i.description(), i.activeForm(),
                        i.status().orElse(defaultStatus), i.minted() ? i.owner().or(settings::defaultOwner) : i.owner(),
                        i.blocks(), i.metadata(), i.comments(), i.createdAt(), i.updatedAt(), i.completedAt()));
            }
            return new TaskList(settings, out);
        }

        private List<Pending> items() throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw fail("items", "items must be an array of task objects, found " + found());
            }
            List<Pending> out = new ArrayList<>();
            Set<TaskId> ids = new HashSet<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String path = "items[" + out.size() + "]";
                JsonLocation start = p.currentTokenLocation();
                Pending item = item(path);
                if (!ids.add(item.id())) {
                    throw new SchemaViolation(where(start, path), "task id " + item.id() + " appears twice in the list");
                }
                out.add(item);
            }
            return out;
        }

        private Pending item(String path) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw fail(path, "a task is a JSON object with at least a subject, found " + found());
            }
            JsonLocation start = p.currentTokenLocation();
            Optional<TaskId> id = Optional.empty();
            String subject = null;
            String description = "";
            Optional<String> activeForm = Optional.empty();
            Optional<TaskStatus> status = Optional.empty();
            Optional<String> owner = Optional.empty();
            List<EdgeRef> blocks = List.of();
            String metadata = "{}";
            List<TaskComment> comments = List.of();
            Optional<Instant> createdAt = Optional.empty();
            Optional<Instant> updatedAt = Optional.empty();
            Optional<Instant> completedAt = Optional.empty();
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String at = path + "." + name;
                if (!seen.add(name)) {
                    throw fail(at, "field '" + name + "' appears twice");
                }
                p.nextToken();
                switch (name) {
                    case "id" -> id = optText(at).map(text -> {
                        try {
                            return TaskId.parse(text);
                        } catch (IllegalArgumentException e) {
                            throw fail(at, e.getMessage());
                        }
                    });
                    case "subject" -> subject = optText(at).orElse(null);
                    case "description" -> description = optText(at).orElse("");
                    case "active_form" -> activeForm = optText(at).filter(s -> !s.isEmpty());
                    case "status" -> status = optStatus(at);
                    case "owner" -> owner = optText(at);
                    case "blocks" -> blocks = edges(at);
                    case "metadata" -> metadata = metadata(at);
                    case "comments" -> comments = comments(at);
                    case "created_at" -> createdAt = optInstant(at);
                    case "updated_at" -> updatedAt = optInstant(at);
                    case "completed_at" -> completedAt = optInstant(at);
                    default -> throw fail(at, "unknown field '" + name + "' (a task has " + ITEM_FIELDS + ")");
                }
            }
            if (subject == null || subject.isBlank()) {
                throw new SchemaViolation(where(start, path + ".subject"), "a task needs a non-blank subject");
            }
            if (owner.isPresent() && owner.get().isBlank()) {
                throw new SchemaViolation(where(start, path + ".owner"), "owner is blank (leave it out for no owner)");
            }
            boolean minted = id.isEmpty();
            if (minted && minting.isEmpty()) {
                throw new SchemaViolation(where(start, path + ".id"), "the task has no id");
            }
            Supplier<Instant> now = () -> minting.map(Minting::now).orElseThrow();
            Instant created = required(createdAt, start, path + ".created_at", now);
            Instant updated = required(updatedAt, start, path + ".updated_at", () -> created);
            return new Pending(id.orElseGet(() -> minting.get().newId()), minted, subject, description, activeForm, status,
                    owner, blocks, metadata, comments, created, updated, completedAt);
        }

        private Instant required(Optional<Instant> value, JsonLocation start, String path, Supplier<Instant> fallback) {
            if (value.isPresent()) {
                return value.get();
            }
            if (minting.isEmpty()) {
                throw new SchemaViolation(where(start, path), "the task has no " + path.substring(path.lastIndexOf('.') + 1));
            }
            return fallback.get();
        }

        private List<EdgeRef> edges(String path) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw fail(path, "blocks must be an array of edge refs (\"handle\" or \"handle#item\"), found " + found());
            }
            List<EdgeRef> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String at = path + "[" + out.size() + "]";
                out.add(switch (p.currentToken()) {
                    case VALUE_STRING -> ref(at, p.getText());
                    case START_OBJECT -> objectRef(at);
                    default -> throw fail(at, "an edge ref is \"handle\", \"handle#item\" or {\"block\": …, \"task_item\": …},"
                            + " found " + found());
                });
            }
            return out;
        }

        private EdgeRef objectRef(String path) throws IOException {
            String block = null;
            Optional<String> item = Optional.empty();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "block" -> block = optText(path + ".block").orElse(null);
                    case "task_item" -> item = optText(path + ".task_item");
                    default -> throw fail(path + "." + name, "unknown field '" + name + "' (an edge ref has block, task_item)");
                }
            }
            if (block == null) {
                throw fail(path, "the edge ref has no block");
            }
            String handle = block;
            return ref(path, item.map(i -> handle + "#" + i).orElse(handle));
        }

        private EdgeRef ref(String path, String text) {
            try {
                return edgeRef(text);
            } catch (IllegalArgumentException e) {
                throw fail(path, e.getMessage());
            }
        }

        private String metadata(String path) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return "{}";
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw fail(path, "metadata must be a JSON object, found " + found());
            }
            JsonNode node = MAPPER.readTree(p);
            return metadataText(node);
        }

        private List<TaskComment> comments(String path) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw fail(path, "comments must be an array of {author, at, text} objects, found " + found());
            }
            List<TaskComment> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String at = path + "[" + out.size() + "]";
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw fail(at, "a comment is an {author, at, text} object, found " + found());
                }
                JsonLocation start = p.currentTokenLocation();
                String author = null;
                Instant when = null;
                String text = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "author" -> author = optText(at + ".author").orElse(null);
                        case "at" -> when = optInstant(at + ".at").orElse(null);
                        case "text" -> text = optText(at + ".text").orElse(null);
                        default -> throw fail(at + "." + name, "unknown field '" + name + "' (a comment has author, at, text)");
                    }
                }
                if (author == null || author.isBlank()) {
                    throw new SchemaViolation(where(start, at + ".author"), "the comment has no author");
                }
                if (when == null) {
                    throw new SchemaViolation(where(start, at + ".at"), "the comment has no time");
                }
                if (text == null || text.isBlank()) {
                    throw new SchemaViolation(where(start, at + ".text"), "the comment has no text");
                }
                out.add(new TaskComment(author, when, text));
            }
            return out;
        }

        private Optional<String> optText(String path) throws IOException {
            return switch (p.currentToken()) {
                case VALUE_NULL -> Optional.empty();
                case VALUE_STRING -> Optional.of(p.getText());
                default -> throw fail(path, "expected a string, found " + found());
            };
        }

        private Optional<TaskStatus> optStatus(String path) throws IOException {
            Optional<String> text = optText(path);
            try {
                return text.map(TaskStatus::parse);
            } catch (IllegalArgumentException e) {
                throw fail(path, e.getMessage());
            }
        }

        private Optional<Instant> optInstant(String path) throws IOException {
            Optional<String> text = optText(path);
            try {
                return text.map(Instant::parse);
            } catch (DateTimeParseException e) {
                throw fail(path, "'" + text.get() + "' is not an ISO-8601 instant such as 2026-01-31T09:30:00Z");
            }
        }

        private String found() throws IOException {
            JsonToken t = p.currentToken();
            if (t == null) {
                return "the end of the text";
            }
            return switch (t) {
                case VALUE_STRING -> "the string \"" + p.getText() + "\"";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
                case VALUE_TRUE, VALUE_FALSE -> p.getText();
                case VALUE_NULL -> "null";
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                default -> "'" + p.getText() + "'";
            };
        }

        private SchemaViolation fail(String path, String reason) {
            return new SchemaViolation(where(p.currentTokenLocation(), path), reason);
        }

        private static String where(JsonLocation at, String path) {
            String lc = "line " + at.getLineNr() + ", column " + at.getColumnNr();
            return path.isEmpty() ? lc : lc + " (" + path + ")";
        }
    }
}
