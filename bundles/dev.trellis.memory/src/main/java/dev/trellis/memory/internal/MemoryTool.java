package dev.trellis.memory.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.api.tool.ToolResult;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Base of the memory tools: parses the JSON arguments, runs the op as the calling agent (author
 * {@code agent <id>}, origin host) and turns every memory or argument error into a failure result the
 * model can act on.
 *
 * <p>A call carrying the agent's {@link dev.trellis.api.memory.ScopeBinding} (the agent runtime sets
 * it from the agent's persona, project and isolation policy) runs in that view: hidden blocks read as
 * absent, writes outside it are {@code IsolationDenied}. A call without a binding sees every scope.
 */
abstract class MemoryTool implements Tool {

    static final ObjectMapper JSON = new ObjectMapper();

    /** JSON Schema of the common {@code address} argument. */
    static final String ADDRESS_PROPERTY = "\"address\":{\"type\":\"string\","
            + "\"description\":\"block address <scope>/<label>, e.g. local:myproject/notes or global:@ada/persona\"}";

    final MemoryEngine engine;
    private final ToolDescriptor descriptor;

    MemoryTool(MemoryEngine engine, String name, String description, String inputSchema, CapabilityClass capability) {
        this.engine = Objects.requireNonNull(engine, "engine");
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
        // the runtime sets the agent's binding: the tool then sees only what the agent may see
        Caller caller = new Caller(new Author.Agent(call.agentId()), Origin.HOST,
                call.binding().map(View::of).orElse(View.ALL));
        try {
            return run(new Args(node), caller);
        } catch (MemoryException e) {
            return ToolResult.failure(e.getMessage());
        } catch (IllegalArgumentException e) {
            return ToolResult.failure(descriptor.name() + ": " + e.getMessage());
        }
    }

    abstract ToolResult run(Args args, Caller caller);

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

        OptionalLong optLong(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return OptionalLong.empty();
            }
            if (!v.isIntegralNumber()) {
                throw new IllegalArgumentException("argument '" + name + "' must be an integer, got " + v);
            }
            return OptionalLong.of(v.longValue());
        }

        Optional<Boolean> optBoolean(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isBoolean()) {
                throw new IllegalArgumentException("argument '" + name + "' must be true or false, got " + v);
            }
            return Optional.of(v.booleanValue());
        }

        /** A JSON value argument, as JSON text; a missing one is an error. */
        String json(String name) {
            JsonNode v = node.get(name);
            if (v == null) {
                throw new IllegalArgumentException("missing argument '" + name + "'");
            }
            return v.toString();
        }

        BlockAddress address() {
            return BlockAddress.parse(text("address"));
        }
    }
}
