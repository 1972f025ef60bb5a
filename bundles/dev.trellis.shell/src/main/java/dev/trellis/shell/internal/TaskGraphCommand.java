package dev.trellis.shell.internal;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphQuery;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.TaskException;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskList;
import dev.trellis.api.tasks.TaskService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code trellis:task-graph <scope> <root> [forward|reverse|both] [depth] [max-nodes]}: a breadth-first walk of the
 * "blocks" edges from a task ({@code list#id}) or a whole list, printed as its nodes (with status and subject) and
 * its edges. A {@link Function} rather than a method, because Gogo maps a command name to a method name and
 * {@code task-graph} is not one.
 */
@Component(service = Function.class, property = {"osgi.command.scope=trellis", "osgi.command.function=task-graph"})
public final class TaskGraphCommand implements Function {

    static final String USAGE = "usage: trellis:task-graph <scope> <list#id or list> [forward|reverse|both] [depth] [max-nodes]"
            + " (defaults: forward, 16, 1000)";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TaskService tasks;

    public TaskGraphCommand() {
    }

    TaskGraphCommand(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        List<String> args = arguments.stream().map(String::valueOf).toList();
        if (args.size() < 2 || args.size() > 5) {
            throw new IllegalArgumentException(USAGE);
        }
        Scope scope = Scope.parse(args.get(0));
        EdgeRef root = EdgeRef.parse(args.get(1));
        GraphQuery.Direction direction = args.size() > 2 ? direction(args.get(2)) : GraphQuery.Direction.FORWARD;
        int depth = args.size() > 3 ? number("depth", args.get(3), 0) : GraphQuery.DEFAULT_DEPTH;
        int max = args.size() > 4 ? number("max-nodes", args.get(4), 1) : GraphQuery.DEFAULT_MAX_NODES;
        TaskService t = tasks;
        if (t == null) {
            throw new IllegalStateException("the task service is not available: is dev.trellis.tasks (and memory) active?");
        }
        GraphResult g = t.graph(scope, root, new GraphQuery(direction, depth, max));
        return format(t, scope, root, direction, depth, g);
    }

    static String format(TaskService t, Scope scope, EdgeRef root, GraphQuery.Direction direction, int depth, GraphResult g) {
        Map<String, Optional<TaskList>> lists = new HashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (EdgeRef n : g.nodes()) {
            Optional<TaskItem> item = n.item().flatMap(id -> lists.computeIfAbsent(n.block(), b -> read(t, scope, b))
                    .flatMap(l -> l.item(id)));
            rows.add(List.of(n.toString(), n.isItem() ? item.map(i -> i.status().id()).orElse("(missing)") : "(list)",
                    item.map(TaskItem::subject).orElse("")));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Graph from ").append(root).append(" (").append(direction.name().toLowerCase(Locale.ROOT)).append(", depth ")
                .append(depth).append("): ").append(g.nodes().size()).append(g.nodes().size() == 1 ? " node, " : " nodes, ")
                .append(g.edges().size()).append(g.edges().size() == 1 ? " edge" : " edges")
                .append(g.truncated() ? ", truncated by max-nodes" : "").append("\n\n");
        sb.append(ShellFormat.table(List.of("NODE", "STATUS", "SUBJECT"), rows));
        sb.append("\nEdges (blocker -> blocked):\n");
        if (g.edges().isEmpty()) {
            sb.append("  none\n");
        }
        for (GraphResult.Edge e : g.edges()) {
            sb.append("  ").append(e.source()).append(" -> ").append(e.target()).append('\n');
        }
        return sb.toString();
    }

    private static Optional<TaskList> read(TaskService t, Scope scope, String block) {
        try {
            return t.read(scope, block);
        } catch (TaskException e) {
            return Optional.empty();
        }
    }

    private static GraphQuery.Direction direction(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "forward" -> GraphQuery.Direction.FORWARD;
            case "reverse" -> GraphQuery.Direction.REVERSE;
            case "both" -> GraphQuery.Direction.BOTH;
            default -> throw new IllegalArgumentException("direction must be forward, reverse or both, was '" + text + "'; "
                    + USAGE);
        };
    }

    private static int number(String name, String text, int min) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number of at least " + min + ", was '" + text + "'; " + USAGE);
    }
}
