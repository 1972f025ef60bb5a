package dev.trellis.memory.internal;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.WriteResult;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolResult;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The memory tools offered to agents, one Tool service each. */
public final class MemoryTools {

    private MemoryTools() {
    }

    static String written(WriteResult r) {
        return "block " + r.address() + " is now at revision " + r.revision();
    }

    static final String WRITE_SCHEMA_TAIL = ",\"expected_revision\":{\"type\":\"integer\","
            + "\"description\":\"revision you last read; if the block changed since, nothing is written and you get the current content\"}";

    @Component(service = Tool.class, property = Tool.NAME + "=memory_get")
    public static final class Get extends MemoryTool {
        @Activate
        public Get(@Reference(name = "engine") MemoryEngine engine) {
            super(engine, "memory_get", "Reads a memory block: its description, rendered content and revision.",
                    "{\"type\":\"object\",\"properties\":{" + ADDRESS_PROPERTY + "},\"required\":[\"address\"]}",
                    CapabilityClass.OBSERVE);
        }

        @Override
        ToolResult run(Args args, Caller caller) {
            BlockAddress a = args.address();
            Block b = engine.read(a, caller).orElseThrow(() -> new MemoryException(new MemoryError.NotFound(a)));
            return ToolResult.ok(engine.renderer().block(b) + "\n(revision " + b.revision() + ", schema "
                    + b.metadata().schema().id() + ", " + b.content().length() + "/" + b.metadata().charLimit() + " chars)");
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=memory_list")
    public static final class ListBlocks extends MemoryTool {
        @Activate
        public ListBlocks(@Reference(name = "engine") MemoryEngine engine) {
            super(engine, "memory_list", "Lists memory blocks (address, tier, schema, description), optionally filtered.",
                    "{\"type\":\"object\",\"properties\":{\"scope\":{\"type\":\"string\",\"description\":\"local:<project> or global:<persona>\"},"
                            + "\"label_prefix\":{\"type\":\"string\"},\"tier\":{\"enum\":[\"core\",\"working\"]},"
                            + "\"schema\":{\"enum\":[\"text\",\"map\",\"list\",\"log\",\"task-list\",\"skill\"]}}}",
                    CapabilityClass.OBSERVE);
        }

        @Override
        ToolResult run(Args args, Caller caller) {
            ListFilter f = new ListFilter(args.optText("scope").map(Scope::parse), args.optText("label_prefix"),
                    args.optText("tier").map(Tier::parse), args.optText("schema").map(Schema::parse));
            List<BlockMetadata> blocks = engine.list(f, caller);
            if (blocks.isEmpty()) {
                return ToolResult.ok("no blocks match");
            }
            return ToolResult.ok(blocks.stream().map(m -> m.address() + " (" + m.tier().id() + ", " + m.schema().id() + ")"
                    + (m.description().isEmpty() ? "" : ": " + m.description())).collect(Collectors.joining("\n")));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=memory_create")
    public static final class Create extends MemoryTool {
        @Activate
        public Create(@Reference(name = "engine") MemoryEngine engine) {
            super(engine, "memory_create", "Creates a memory block.",
                    "{\"type\":\"object\",\"properties\":{" + ADDRESS_PROPERTY
                            + ",\"content\":{\"type\":\"string\",\"description\":\"initial content; JSON text for map/list/log\"},"
                            + "\"schema\":{\"enum\":[\"text\",\"map\",\"list\",\"log\"]},\"tier\":{\"enum\":[\"core\",\"working\"]},"
                            + "\"description\":{\"type\":\"string\"},\"char_limit\":{\"type\":\"integer\",\"minimum\":1},"
                            + "\"pinned\":{\"type\":\"boolean\"}},\"required\":[\"address\"]}",
                    CapabilityClass.MUTATE_INTERNAL);
        }

        @Override
        ToolResult run(Args args, Caller caller) {
            Schema schema = args.optText("schema").map(Schema::parse).orElse(Schema.TEXT);
            String empty = switch (schema) {
                case MAP -> "{}";
                case LIST, LOG -> "[]";
                default -> "";
            };
            OptionalLong limit = args.optLong("char_limit");
            if (limit.isPresent() && (limit.getAsLong() < 1 || limit.getAsLong() > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("char_limit must be a positive integer, got " + limit.getAsLong());
            }
            BlockCreate c = new BlockCreate(args.address(), args.optText("tier").map(Tier::parse).orElse(Tier.WORKING), schema,
                    args.optText("description").orElse(""),
                    limit.isPresent() ? (int) limit.getAsLong() : engine.defaultCharLimit(), Permission.DEFAULT,
                    args.optBoolean("pinned").orElse(false), args.optText("content").orElse(empty));
            return ToolResult.ok(written(engine.create(c, caller)));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=memory_set")
    public static final class Set extends MemoryTool {
        @Activate
        public Set(@Reference(name = "engine") MemoryEngine engine) {
            super(engine, "memory_set", "Replaces the whole content of a memory block.",
                    "{\"type\":\"object\",\"properties\":{" + ADDRESS_PROPERTY + ",\"content\":{\"type\":\"string\"}"
                            + WRITE_SCHEMA_TAIL + "},\"required\":[\"address\",\"content\"]}",
                    CapabilityClass.MUTATE_INTERNAL);
        }

        @Override
        ToolResult run(Args args, Caller caller) {
            return ToolResult.ok(written(engine.apply(args.address(), new MemoryOp.Set(args.text("content")),
                    args.optLong("expected_revision"), caller)));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=memory_append")
    public static final class Append extends MemoryTool {
        @Activate
        public Append(@Reference(name = "engine") MemoryEngine engine) {
            super(engine, "memory_append",
                    "Adds to the end of a memory block: text to a text block, an item to a list block, an entry to a log"
                            + " block. Never conflicts with other writers.",
                    "{\"type\":\"object\",\"properties\":{" + ADDRESS_PROPERTY
                            + ",\"text\":{\"type\":\"string\",\"description\":\"text to add (text blocks), or a message (log blocks)\"},"
                            + "\"value\":{\"description\":\"JSON item (list blocks) or JSON object entry (log blocks)\"}},"
                            + "\"required\":[\"address\"]}",
                    CapabilityClass.MUTATE_INTERNAL);
        }

        @Override
        ToolResult run(Args args, Caller caller) {
            BlockAddress a = args.address();
            Block b = engine.read(a, caller).orElseThrow(() -> new MemoryException(new MemoryError.NotFound(a)));
            boolean hasValue = args.node().has("value");
            MemoryOp op = switch (b.metadata().schema()) {
                case LIST -> new MemoryOp.ListPush(hasValue ? args.json("value") : args.json("text"));
                case LOG -> new MemoryOp.LogAppend(hasValue ? args.json("value") : args.json("text"));
                default -> new MemoryOp.Append(args.text("text"));
            };
            return ToolResult.ok(written(engine.apply(a, op, OptionalLong.empty(), caller)));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=memory_replace")
    public static final class Replace extends MemoryTool {
        @Activate
        public Replace(@Reference(name = "engine") MemoryEngine engine) {
            super(engine, "memory_replace", "Replaces every occurrence of old text by new text in a text memory block.",
                    "{\"type\":\"object\",\"properties\":{" + ADDRESS_PROPERTY
                            + ",\"old\":{\"type\":\"string\",\"minLength\":1},\"new\":{\"type\":\"string\"}" + WRITE_SCHEMA_TAIL
                            + "},\"required\":[\"address\",\"old\",\"new\"]}",
                    CapabilityClass.MUTATE_INTERNAL);
        }

        @Override
        ToolResult run(Args args, Caller caller) {
            return ToolResult.ok(written(engine.apply(args.address(), new MemoryOp.Replace(args.text("old"), args.text("new")),
                    args.optLong("expected_revision"), caller)));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=memory_set_field")
    public static final class SetField extends MemoryTool {
        @Activate
        public SetField(@Reference(name = "engine") MemoryEngine engine) {
            super(engine, "memory_set_field", "Sets one field of a map memory block to a JSON value.",
                    "{\"type\":\"object\",\"properties\":{" + ADDRESS_PROPERTY
                            + ",\"field\":{\"type\":\"string\"},\"value\":{\"description\":\"the new JSON value\"}" + WRITE_SCHEMA_TAIL
                            + "},\"required\":[\"address\",\"field\",\"value\"]}",
                    CapabilityClass.MUTATE_INTERNAL);
        }

        @Override
        ToolResult run(Args args, Caller caller) {
            return ToolResult.ok(written(engine.apply(args.address(), new MemoryOp.SetField(args.text("field"), args.json("value")),
                    args.optLong("expected_revision"), caller)));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=memory_search")
    public static final class Search extends MemoryTool {
        @Activate
        public Search(@Reference(name = "engine") MemoryEngine engine) {
            super(engine, "memory_search", "Full-text search over memory blocks and archival memory, best match first.",
                    "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\",\"description\":\"words, \\\"phrases\\\", OR, prefix*\"},"
                            + "\"scope\":{\"type\":\"string\"},\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":200}},"
                            + "\"required\":[\"query\"]}",
                    CapabilityClass.OBSERVE);
        }

        @Override
        ToolResult run(Args args, Caller caller) {
            long limit = args.optLong("limit").orElse(SearchQuery.DEFAULT_LIMIT);
            SearchQuery q = new SearchQuery(args.text("query"), EnumSet.allOf(dev.trellis.api.memory.ContentType.class),
                    args.optText("scope").map(Scope::parse).map(List::of).orElse(List.of()),
                    (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, limit)));
            List<SearchHit> hits = engine.search(q, caller);
            if (hits.isEmpty()) {
                return ToolResult.ok("no matches");
            }
            return ToolResult.ok(hits.stream().map(h -> String.format(java.util.Locale.ROOT, "%s %s/%s (score %.2f): %s",
                    h.kind().name().toLowerCase(java.util.Locale.ROOT), h.scope(), h.ref(), h.score(), h.snippet()))
                    .collect(Collectors.joining("\n")));
        }
    }
}
