package dev.trellis.tasks.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphQuery;
import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskPatch;
import dev.trellis.api.tasks.TaskSpec;
import dev.trellis.api.tasks.TaskView;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.tasks.internal.TaskEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The task tools offered to agents, one {@link Tool} service each. */
public final class TaskTools {

    private TaskTools() {
    }

    static final String STATUS_ENUM = "[\"pending\",\"in-progress\",\"blocked\",\"completed\",\"cancelled\"]";

    /** The item after a change, as the model sees it. */
    static JsonNode after(TaskEngine engine, TaskEngine.Actor actor, Scope scope, EdgeRef ref) {
        return engine.get(actor, scope, ref).<JsonNode>map(i -> TaskTool.item(ref, i))
                .orElseGet(() -> TaskTool.JSON.createObjectNode().put("ref", ref.toString()));
    }

    /** A tool that changes one task ({@code scope} + {@code task}) and answers with the task as it is after. */
    abstract static class OnTask extends TaskTool {
        OnTask(TaskEngine engine, String name, String description, String properties, List<String> required) {
            super(engine, name, description, SCOPE + "," + TASK + properties,
                    java.util.stream.Stream.concat(java.util.stream.Stream.of("scope", "task"), required.stream()).toList(),
                    CapabilityClass.MUTATE_INTERNAL);
        }

        @Override
        final JsonNode run(ToolArgs args, TaskEngine.Actor actor) {
            Scope scope = args.scope();
            EdgeRef ref = args.ref("task");
            change(args, actor, scope, ref);
            return after(engine, actor, scope, ref);
        }

        abstract void change(ToolArgs args, TaskEngine.Actor actor, Scope scope, EdgeRef ref);
    }

    @Component(service = Tool.class, property = Tool.NAME + "=task_create")
    public static final class Create extends TaskTool {
        @Activate
        public Create(@Reference(name = "engine") TaskEngine engine) {
            super(engine, "task_create", "Adds tasks to a task list (created if missing). Returns the new task refs in"
                    + " input order; link them afterwards with task_link.",
                    SCOPE + ",\"list\":{\"type\":\"string\",\"description\":\"task list handle, e.g. sprint\"},"
                            + "\"list_description\":{\"type\":\"string\",\"description\":\"description of a new list\"},"
                            + "\"items\":{\"type\":\"array\",\"minItems\":1,\"items\":{\"type\":\"object\",\"properties\":{"
                            + "\"subject\":{\"type\":\"string\",\"description\":\"what to do, imperative\"},"
                            + "\"description\":{\"type\":\"string\"},\"active_form\":{\"type\":\"string\","
                            + "\"description\":\"present continuous, shown while in progress\"},"
                            + "\"status\":{\"enum\":" + STATUS_ENUM + "},\"owner\":{\"type\":\"string\"},"
                            + "\"metadata\":{\"type\":\"object\"}},\"required\":[\"subject\"]}}",
                    List.of("scope", "list", "items"), CapabilityClass.MUTATE_INTERNAL);
        }

        @Override
        JsonNode run(ToolArgs args, TaskEngine.Actor actor) {
            Scope scope = args.scope();
            String list = args.list("list");
            JsonNode items = args.node().get("items");
            if (items == null || !items.isArray() || items.isEmpty()) {
                throw new IllegalArgumentException("argument 'items' must be a non-empty list of {\"subject\": …} objects");
            }
            List<TaskSpec> specs = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                JsonNode n = items.get(i);
                if (!n.isObject()) {
                    throw new IllegalArgumentException("items[" + i + "] must be an object with a subject, got " + n);
                }
                ToolArgs item = new ToolArgs(n);
                try {
                    specs.add(new TaskSpec(item.text("subject"), item.optText("description").orElse(""),
                            item.optText("active_form"), item.optText("status").map(s -> item.status("status", s)),
                            item.optText("owner"), item.object("metadata")));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("items[" + i + "]: " + e.getMessage(), e);
                }
            }
            List<TaskId> ids = engine.create(actor, scope, list, args.optText("list_description"), specs);
            ObjectNode out = JSON.createObjectNode();
            ArrayNode created = out.putArray("created");
            ids.forEach(id -> created.add(EdgeRef.item(list, id).toString()));
            return out;
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=task_update")
    public static final class Update extends OnTask {
        @Activate
        public Update(@Reference(name = "engine") TaskEngine engine) {
            super(engine, "task_update", "Changes fields of a task. Only the fields you pass change; pass null to clear"
                    + " description, active_form, owner or metadata. Use task_transition for the status.",
                    ",\"subject\":{\"type\":\"string\"},\"description\":{\"type\":[\"string\",\"null\"]},"
                            + "\"active_form\":{\"type\":[\"string\",\"null\"]},\"owner\":{\"type\":[\"string\",\"null\"]},"
                            + "\"metadata\":{\"type\":[\"object\",\"null\"],\"description\":\"replaces the whole metadata object\"}",
                    List.of());
        }

        @Override
        void change(ToolArgs args, TaskEngine.Actor actor, Scope scope, EdgeRef ref) {
            if (args.node().has("subject") && args.node().get("subject").isNull()) {
                throw new IllegalArgumentException("argument 'subject' cannot be cleared (every task has a subject)");
            }
            engine.update(actor, scope, ref, new TaskPatch(args.textPatch("subject"), args.textPatch("description"),
                    args.textPatch("active_form"), args.textPatch("owner"), args.objectPatch("metadata")));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=task_transition")
    public static final class Transition extends OnTask {
        @Activate
        public Transition(@Reference(name = "engine") TaskEngine engine) {
            super(engine, "task_transition", "Sets the status of a task; completed stamps completed_at.",
                    ",\"status\":{\"enum\":" + STATUS_ENUM + "}", List.of("status"));
        }

        @Override
        void change(ToolArgs args, TaskEngine.Actor actor, Scope scope, EdgeRef ref) {
            engine.transition(actor, scope, ref, args.status("status", args.text("status")));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=task_comment")
    public static final class Comment extends OnTask {
        @Activate
        public Comment(@Reference(name = "engine") TaskEngine engine) {
            super(engine, "task_comment", "Adds a comment to a task, signed by you and stamped now.",
                    ",\"text\":{\"type\":\"string\",\"minLength\":1}", List.of("text"));
        }

        @Override
        void change(ToolArgs args, TaskEngine.Actor actor, Scope scope, EdgeRef ref) {
            engine.comment(actor, scope, ref, args.text("text"));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=task_link")
    public static final class Link extends OnTask {
        @Activate
        public Link(@Reference(name = "engine") TaskEngine engine) {
            super(engine, "task_link", "Records that a task blocks another task (<list>#<id>) or a whole list (<list>)."
                    + " Stored on the blocking task only; linking twice changes nothing; a task may block itself.",
                    ",\"blocks\":{\"type\":\"string\",\"description\":\"what it blocks: <list>#<id> or <list>\"}",
                    List.of("blocks"));
        }

        @Override
        void change(ToolArgs args, TaskEngine.Actor actor, Scope scope, EdgeRef ref) {
            engine.link(actor, scope, ref, args.ref("blocks"));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=task_unlink")
    public static final class Unlink extends OnTask {
        @Activate
        public Unlink(@Reference(name = "engine") TaskEngine engine) {
            super(engine, "task_unlink", "Removes a 'blocks' edge from a task; nothing happens if there is none.",
                    ",\"blocks\":{\"type\":\"string\",\"description\":\"<list>#<id> or <list>\"}", List.of("blocks"));
        }

        @Override
        void change(ToolArgs args, TaskEngine.Actor actor, Scope scope, EdgeRef ref) {
            engine.unlink(actor, scope, ref, args.ref("blocks"));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=task_list")
    public static final class ListTasks extends TaskTool {
        @Activate
        public ListTasks(@Reference(name = "engine") TaskEngine engine) {
            super(engine, "task_list", "Lists tasks of one list, or of every task list of the scope, with how many tasks"
                    + " block each one (blocker_count) and how many it blocks. Filters combine with AND.",
                    SCOPE + ",\"list\":{\"type\":\"string\",\"description\":\"one list; leave out for every list\"},"
                            + "\"status\":{\"description\":\"a status or a list of statuses (any of)\",\"anyOf\":["
                            + "{\"enum\":" + STATUS_ENUM + "},{\"type\":\"array\",\"items\":{\"enum\":" + STATUS_ENUM + "}}]},"
                            + "\"owner\":{\"type\":\"string\"},\"has_blockers\":{\"type\":\"boolean\","
                            + "\"description\":\"true: only blocked tasks; false: only unblocked ones\"},"
                            + "\"keyword\":{\"type\":\"string\",\"description\":\"full-text query over subject,"
                            + " description and comments\"},\"lists\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
                            + "\"description\":\"only these lists\"}",
                    List.of("scope"), CapabilityClass.OBSERVE);
        }

        @Override
        JsonNode run(ToolArgs args, TaskEngine.Actor actor) {
            Scope scope = args.scope();
            Optional<String> keyword = args.optText("keyword").filter(k -> !k.isBlank());
            TaskFilter filter = new TaskFilter(Set.copyOf(args.statuses("status")), args.optText("owner"),
                    args.optBoolean("has_blockers"), keyword, args.optTextList("lists"));
            Optional<String> list = args.node().hasNonNull("list") ? Optional.of(args.list("list")) : Optional.empty();
            List<TaskView> views = engine.list(actor, scope, list, filter);
            ObjectNode out = JSON.createObjectNode();
            out.put("count", views.size());
            ArrayNode tasks = out.putArray("tasks");
            views.forEach(v -> tasks.add(view(v)));
            return out;
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=task_graph")
    public static final class Graph extends TaskTool {
        @Activate
        public Graph(@Reference(name = "engine") TaskEngine engine) {
            super(engine, "task_graph", "Walks the 'blocks' edges breadth-first from a task (or a whole list): forward ="
                    + " what it blocks, reverse = what blocks it. Returns nodes, edges as [source, target] and whether"
                    + " max_nodes cut the walk short.",
                    SCOPE + ",\"root\":{\"type\":\"string\",\"description\":\"<list>#<id> or <list>\"},"
                            + "\"direction\":{\"enum\":[\"forward\",\"reverse\",\"both\"]},"
                            + "\"depth\":{\"type\":\"integer\",\"minimum\":0,\"description\":\"steps from the root, default 16\"},"
                            + "\"max_nodes\":{\"type\":\"integer\",\"minimum\":1,\"description\":\"default 1000\"}",
                    List.of("scope", "root"), CapabilityClass.OBSERVE);
        }

        @Override
        JsonNode run(ToolArgs args, TaskEngine.Actor actor) {
            Scope scope = args.scope();
            EdgeRef root = args.ref("root");
            GraphQuery.Direction direction = args.optText("direction").map(d -> switch (d.toLowerCase(Locale.ROOT)) {
                case "forward" -> GraphQuery.Direction.FORWARD;
                case "reverse" -> GraphQuery.Direction.REVERSE;
                case "both" -> GraphQuery.Direction.BOTH;
                default -> throw new IllegalArgumentException("argument 'direction' must be forward, reverse or both, got '"
                        + d + "'");
            }).orElse(GraphQuery.Direction.FORWARD);
            GraphQuery query = new GraphQuery(direction, args.optInt("depth", 0, 1_000_000).orElse(GraphQuery.DEFAULT_DEPTH),
                    args.optInt("max_nodes", 1, 1_000_000).orElse(GraphQuery.DEFAULT_MAX_NODES));
            return graph(engine.graph(actor, scope, root, query));
        }
    }
}
