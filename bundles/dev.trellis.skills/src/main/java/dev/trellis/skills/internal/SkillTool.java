package dev.trellis.skills.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.skills.SkillException;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillMetadata;
import dev.trellis.api.skills.UsageStats;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.api.tool.ToolResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Base of the skill tools: parses the JSON arguments, resolves the optional {@code scope} argument
 * (default: the shared skills scope) and turns every skill, memory or argument error into a failure
 * result the model can act on. Results are JSON text in the shapes of reference §4 (snake_case), except
 * {@code skill_load}, whose result is the {@code [skill:loaded]} text itself.
 */
abstract class SkillTool implements Tool {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String SCOPE_PROPERTY = "\"scope\":{\"type\":\"string\",\"description\":\"the project or persona you"
            + " work in, local:<project> or global:<persona>; its own skills are searched first, then the shared ones."
            + " Default: the shared skills only\"}";
    static final String HANDLE_PROPERTY = "\"handle\":{\"type\":\"string\",\"description\":\"the skill's handle as"
            + " skill_list or skill_search return it, e.g. first-party/memory-blocks\"}";

    final SkillsCore core;
    private final ToolDescriptor descriptor;

    SkillTool(SkillsCore core, String name, String description, String inputSchema, CapabilityClass capability) {
        this.core = Objects.requireNonNull(core, "core");
        this.descriptor = new ToolDescriptor(name, description, inputSchema, capability);
    }

    @Override
    public final ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final ToolResult invoke(ToolCall call) {
        JsonNode node;
        try {
            node = JSON.readTree(call.arguments());
        } catch (JsonProcessingException e) {
            return ToolResult.failure(descriptor.name() + ": arguments are not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return ToolResult.failure(descriptor.name() + ": arguments must be a JSON object, got " + call.arguments());
        }
        try {
            return run(new Args(node), call);
        } catch (SkillException | MemoryException e) {
            return ToolResult.failure(e.getMessage());
        } catch (StoreException e) {
            return ToolResult.failure(descriptor.name() + ": the store cannot answer now (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            return ToolResult.failure(descriptor.name() + ": " + e.getMessage());
        }
    }

    abstract ToolResult run(Args args, ToolCall call);

    /** Typed access to the arguments; missing or mistyped ones are IllegalArgumentException. */
    record Args(JsonNode node) {

        String text(String name) {
            return optText(name).orElseThrow(() -> new IllegalArgumentException("missing string argument '" + name + "'"));
        }

        Optional<String> optText(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                throw new IllegalArgumentException("argument '" + name + "' must be a string, got " + v);
            }
            return Optional.of(v.textValue());
        }

        int optInt(String name, int fallback, int min, int max) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < min || v.intValue() > max) {
                throw new IllegalArgumentException("argument '" + name + "' must be an integer " + min + ".." + max
                        + ", got " + v);
            }
            return v.intValue();
        }

        Scope scope() {
            return optText("scope").map(Scope::parse).orElse(SkillNames.SHARED);
        }
    }

    // ---- JSON shapes (reference §4)

    static ArrayNode infos(List<SkillInfo> skills) {
        ArrayNode a = JSON.createArrayNode();
        skills.forEach(s -> a.add(info(s)));
        return a;
    }

    static ObjectNode info(SkillInfo s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("handle", s.handle());
        o.put("name", s.name());
        o.put("description", s.description().orElse(null));
        o.put("trust_tier", s.trustTier().id());
        ArrayNode k = o.putArray("keywords");
        s.keywords().forEach(k::add);
        o.put("last_used", s.lastUsed().map(Object::toString).orElse(null));
        return o;
    }

    static ObjectNode metadata(SkillMetadata m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", m.name());
        o.put("trust_tier", m.trustTier().id());
        o.put("description", m.description().orElse(null));
        ArrayNode k = o.putArray("keywords");
        m.keywords().forEach(k::add);
        o.set("hooks", m.hooksJson().map(SkillTool::tree).orElse(JSON.nullNode()));
        o.put("source_plugin_id", m.sourcePlugin().map(p -> p.value()).orElse(null));
        ObjectNode extras = o.putObject("extras");
        m.extras().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> extras.set(e.getKey(), tree(e.getValue())));
        return o;
    }

    static ObjectNode usage(UsageStats u) {
        ObjectNode o = JSON.createObjectNode();
        o.put("handle", u.handle());
        o.put("use_count", u.useCount());
        o.put("last_used", u.lastUsed().map(Object::toString).orElse(null));
        o.put("last_used_by", u.lastUsedBy().orElse(null));
        return o;
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
