package dev.trellis.memory.internal.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders blocks for prompts (reference §1.6):
 *
 * <pre>
 * &lt;block:LABEL type="core" permission="Read, Append, Write"&gt;
 * description
 *
 * rendered content
 * &lt;/block:LABEL&gt;
 * </pre>
 *
 * Content is rendered per schema: text as is; map as {@code field: value} lines (read-only fields
 * marked, declarations hidden); list as {@code - item} lines; log newest first as
 * {@code - at author: message}. JSON strings are shown without quotes, other values as compact JSON.
 * A schema with an owner (e.g. {@code task-list}) is rendered by that owner when it is present.
 */
public final class Renderer {

    private final ContentOps ops;
    private final Function<Block, Optional<String>> owned;

    public Renderer(ContentOps ops) {
        this(ops, b -> Optional.empty());
    }

    /** @param owned the rendering of a block by its schema's owner, or empty to render it here */
    public Renderer(ContentOps ops, Function<Block, Optional<String>> owned) {
        this.ops = Objects.requireNonNull(ops, "ops");
        this.owned = Objects.requireNonNull(owned, "owned");
    }

    /** The memory snapshot body: header line, blank line, blocks separated by blank lines. */
    public String snapshot(Collection<Block> blocks) {
        StringBuilder out = new StringBuilder("[memory:current_state]\n");
        for (Block b : blocks) {
            out.append('\n').append(block(b)).append('\n');
        }
        return out.toString();
    }

    /** One {@code <block:label ...>} element. */
    public String block(Block block) {
        BlockMetadata m = block.metadata();
        StringBuilder out = new StringBuilder();
        out.append("<block:").append(m.address().label()).append(" type=\"").append(m.tier().id())
                .append("\" permission=\"").append(m.permission().displayText()).append("\">\n");
        if (!m.description().isEmpty()) {
            out.append(m.description()).append("\n\n");
        }
        String content = owned.apply(block).orElseGet(() -> content(m.address(), m.schema(), block.content()));
        out.append(content);
        if (!content.isEmpty() && !content.endsWith("\n")) {
            out.append('\n');
        }
        out.append("</block:").append(m.address().label()).append('>');
        return out.toString();
    }

    /** Schema-aware rendering of a block's content. */
    public String content(BlockAddress address, Schema schema, String content) {
        return switch (schema) {
            case TEXT, SKILL, TASK_LIST -> content;
            case MAP -> map(address, (ObjectNode) ops.parse(address, content, "map content"));
            case LIST -> {
                List<String> lines = new ArrayList<>();
                ops.parse(address, content, "list content").forEach(item -> lines.add("- " + scalar(item)));
                yield lines.isEmpty() ? "(empty list)" : String.join("\n", lines);
            }
            case LOG -> {
                List<String> lines = new ArrayList<>();
                ops.parse(address, content, "log content").forEach(entry -> lines.addFirst(logLine((ObjectNode) entry)));
                yield lines.isEmpty() ? "(no entries)" : String.join("\n", lines);
            }
        };
    }

    private String map(BlockAddress address, ObjectNode map) {
        Map<String, ContentOps.FieldDecl> decls = ops.declarations(address, map);
        List<String> lines = new ArrayList<>();
        map.properties().forEach(e -> {
            if (e.getKey().equals(ContentOps.FIELDS_KEY)) {
                return;
            }
            ContentOps.FieldDecl d = decls.get(e.getKey());
            lines.add(e.getKey() + ": " + scalar(e.getValue()) + (d != null && d.readOnly() ? " (read-only)" : ""));
        });
        return lines.isEmpty() ? "(no fields)" : String.join("\n", lines);
    }

    private String logLine(ObjectNode entry) {
        ObjectNode rest = entry.deepCopy();
        JsonNode at = rest.remove("at");
        JsonNode author = rest.remove("author");
        StringBuilder line = new StringBuilder("- ");
        if (at != null) {
            line.append(at.asText()).append(' ');
        }
        if (author != null) {
            line.append(author.asText());
        }
        line.append(": ");
        if (rest.size() == 1 && rest.has("message")) {
            line.append(scalar(rest.get("message")));
        } else {
            line.append(ops.write(rest));
        }
        return line.toString();
    }

    private String scalar(JsonNode value) {
        return value.isTextual() ? value.textValue() : ops.write(value);
    }
}
