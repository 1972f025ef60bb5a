package dev.trellis.tasks.internal.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.TaskComment;
import dev.trellis.api.tasks.TaskError;
import dev.trellis.api.tasks.TaskException;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskView;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.api.tool.ToolResult;
import dev.trellis.tasks.internal.TaskEngine;
import java.util.List;
import java.util.Objects;

/**
 * Base of the task tools: parses the JSON arguments, runs the operation as the calling agent (author
 * {@code agent <id>}; the tool call's agent is who the change is recorded for) and turns every task, memory or
 * argument error into a failure result that says what to change. Results are JSON.
 *
 * <p>Like the memory tools, a call that carries the agent's {@link dev.trellis.api.memory.ScopeBinding}
 * ({@link ToolCall#binding()}, set by the agent runtime) runs in that agent's memory view (persona, project,
 * isolation policy); a call without one sees every scope.
 */
abstract class TaskTool implements Tool {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SCOPE = "\"scope\":{\"type\":\"string\",\"description\":\"scope of the task lists:"
            + " local:<project> or global:<persona>\"}";
    static final String TASK = "\"task\":{\"type\":\"string\",\"description\":\"the task, as <list>#<id>\"}";

    final TaskEngine engine;
    private final ToolDescriptor descriptor;

    TaskTool(TaskEngine engine, String name, String description, String properties, List<String> required,
            CapabilityClass capability) {
        this.engine = Objects.requireNonNull(engine, "engine");
        String schema = "{\"type\":\"object\",\"properties\":{" + properties + "},\"required\":["
                + String.join(",", required.stream().map(r -> "\"" + r + "\"").toList()) + "]}";
        this.descriptor = new ToolDescriptor(name, description, schema, capability);
    }

    @Override
    public final ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final ToolResult invoke(ToolCall call) {
        String name = descriptor.name();
        try {
            ToolArgs args = new ToolArgs(object(call.arguments()));
            return ToolResult.ok(run(args, new TaskEngine.Actor(new Author.Agent(call.agentId()), call.binding())).toString());
        } catch (TaskException e) {
            return ToolResult.failure(name + ": " + e.getMessage() + hint(e.error()));
        } catch (MemoryException | IllegalArgumentException e) {
            return ToolResult.failure(name + ": " + e.getMessage());
        }
    }

    /** The arguments as a JSON object. @throws IllegalArgumentException saying why they are not one */
    private static JsonNode object(String arguments) {
        JsonNode node;
        try {
            node = JSON.readTree(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the arguments are not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the arguments must be a JSON object, got " + arguments);
        }
        return node;
    }

    /** What to try next, for the errors where it is not obvious. */
    private static String hint(TaskError error) {
        return switch (error) {
            case TaskError.BlockNotFound b -> " (task_list without 'list' shows the lists of the scope; task_create"
                    + " creates a list)";
            case TaskError.TaskNotFound t -> " (task_list with 'list' shows its tasks and their refs)";
            case TaskError.MissingItemId m -> " (task refs look like sprint#0cq6v1x2m4k8p)";
            default -> "";
        };
    }

    abstract JsonNode run(ToolArgs args, TaskEngine.Actor actor);

    static ObjectNode item(EdgeRef ref, TaskItem item) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ref", ref.toString());
        o.put("subject", item.subject());
        if (!item.description().isEmpty()) {
            o.put("description", item.description());
        }
        item.activeForm().ifPresent(a -> o.put("active_form", a));
        o.put("status", item.status().id());
        item.owner().ifPresent(owner -> o.put("owner", owner));
        ArrayNode blocks = o.putArray("blocks");
        item.blocks().forEach(b -> blocks.add(b.toString()));
        try {
            o.set("metadata", JSON.readTree(item.metadataJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata of " + ref + " is not JSON", e);
        }
        ArrayNode comments = o.putArray("comments");
        for (TaskComment c : item.comments()) {
            comments.addObject().put("author", c.author()).put("at", c.at().toString()).put("text", c.text());
        }
        o.put("created_at", item.createdAt().toString());
        o.put("updated_at", item.updatedAt().toString());
        item.completedAt().ifPresent(t -> o.put("completed_at", t.toString()));
        return o;
    }

    static ObjectNode view(TaskView v) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ref", v.ref().toString());
        o.put("subject", v.subject());
        o.put("status", v.status().id());
        v.owner().ifPresent(owner -> o.put("owner", owner));
        o.put("blocker_count", v.blockerCount());
        o.put("blocks_count", v.blocksCount());
        return o;
    }

    static ObjectNode graph(GraphResult g) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode nodes = o.putArray("nodes");
        g.nodes().forEach(n -> nodes.add(n.toString()));
        ArrayNode edges = o.putArray("edges");
        g.edges().forEach(e -> edges.addArray().add(e.source().toString()).add(e.target().toString()));
        o.put("truncated", g.truncated());
        return o;
    }
}
