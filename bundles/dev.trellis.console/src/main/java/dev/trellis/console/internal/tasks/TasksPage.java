package dev.trellis.console.internal.tasks;

import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphQuery;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.TaskException;
import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskList;
import dev.trellis.api.tasks.TaskService;
import dev.trellis.api.tasks.TaskSpec;
import dev.trellis.api.tasks.TaskStatus;
import dev.trellis.api.tasks.TaskView;
import dev.trellis.console.internal.html.CsrfGuard;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The "Trellis tasks" Web Console page at {@code /system/console/trellis-tasks}: every task list (from memory), the
 * tasks of a scope or list with filters (status any-of, owner, has blockers, keyword), one task with its comments
 * and edges and forms to change it, and a dependency graph of a BFS slice drawn as inline SVG.
 *
 * <p>POSTs carry the session's CSRF token (else 403) and answer with a redirect (post/redirect/get); the outcome
 * is shown once. Changes go through this bundle's bundle-scoped {@code TaskService}, so they are authored
 * {@code plugin dev.trellis.console}. Both services are optional and dynamic: without them the page says so.
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + TasksHtml.LABEL,
        "felix.webconsole.title=Trellis tasks",
        "felix.webconsole.category=Trellis"})
public final class TasksPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String NOTICE = "dev.trellis.console.tasks.notice";
    /** Defaults of the page's graph view: smaller than the service's, to stay readable. */
    static final GraphQuery PAGE_GRAPH = new GraphQuery(GraphQuery.Direction.BOTH, 3, 100);

    private final transient CsrfGuard csrf = new CsrfGuard();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TaskService tasks;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MemoryService memory;

    public TasksPage() {
    }

    /** For tests. */
    TasksPage(TaskService tasks, MemoryService memory) {
        this.tasks = tasks;
        this.memory = memory;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        String token = csrf.token(req);
        HttpSession session = req.getSession(false);
        PrintWriter w = resp.getWriter();
        if (session != null && session.getAttribute(NOTICE) instanceof Notice n) {
            session.removeAttribute(NOTICE);
            w.print(TasksHtml.notice(n));
        }
        TaskService t = tasks;
        if (t == null) {
            w.print(TasksHtml.unavailable("The task service is not available: is the dev.trellis.tasks bundle (and memory,"
                    + " and its store) active?"));
            return;
        }
        Optional<Scope> scope = Optional.empty();
        try {
            String scopeText = param(req, "scope").strip();
            scope = scopeText.isEmpty() ? Optional.empty() : Optional.of(Scope.parse(scopeText));
            if (scope.isPresent() && !param(req, "task").isBlank()) {
                task(t, scope.get(), EdgeRef.parse(param(req, "task").strip()), graphQuery(req), token, w);
            } else if (scope.isPresent() && !param(req, "graph").isBlank()) {
                w.print(TasksHtml.nav(scope));
                EdgeRef root = EdgeRef.block(param(req, "graph").strip());
                GraphQuery q = graphQuery(req);
                w.print(TasksHtml.graphForm(scope.get(), root, q));
                w.print(TasksHtml.graph("Graph of list " + root, svg(t, scope.get(), t.graph(scope.get(), root, q))));
            } else if (scope.isPresent()) {
                list(t, scope.get(), req, token, w);
            } else {
                overview(token, w);
            }
        } catch (TaskException | MemoryException | IllegalArgumentException e) {
            w.print(TasksHtml.problem(e.getMessage()));
            w.print(TasksHtml.nav(scope));
        }
    }

    private void overview(String token, PrintWriter w) {
        MemoryService m = memory;
        if (m == null) {
            w.print(TasksHtml.unavailable("The memory service is not available, so the task lists cannot be listed; open a"
                    + " scope directly with ?scope=local:<project>."));
        } else {
            List<BlockMetadata> lists = m.list(ListFilter.ALL.withSchema(Schema.TASK_LIST));
            w.print(TasksHtml.lists(lists));
        }
        w.print("<p>&nbsp;</p>");
        w.print(TasksHtml.createForm(token, Optional.empty(), ""));
    }

    private void list(TaskService t, Scope scope, HttpServletRequest req, String token, PrintWriter w) {
        String list = param(req, "list").strip();
        Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
        for (String s : Optional.ofNullable(req.getParameterValues("status")).orElse(new String[0])) {
            statuses.add(TaskStatus.parse(s));
        }
        String owner = param(req, "owner").strip();
        String blockers = param(req, "blockers").isBlank() ? "any" : param(req, "blockers");
        String keyword = param(req, "q").strip();
        TaskFilter filter = new TaskFilter(statuses, owner.isEmpty() ? Optional.empty() : Optional.of(owner),
                switch (blockers) {
                    case "yes" -> Optional.of(true);
                    case "no" -> Optional.of(false);
                    case "any" -> Optional.<Boolean>empty();
                    default -> throw new IllegalArgumentException("blocked must be any, yes or no, was '" + blockers + "'");
                }, keyword.isEmpty() ? Optional.empty() : Optional.of(keyword), Optional.empty());
        w.print(TasksHtml.nav(Optional.of(scope)));
        w.print(TasksHtml.filterForm(scope, list, new TasksHtml.Filters(statuses, owner, blockers, keyword)));
        List<TaskView> views = t.list(scope, list.isEmpty() ? Optional.empty() : Optional.of(list), filter);
        w.print(TasksHtml.tasks(scope, list.isEmpty() ? "Tasks of " + scope.key() : "Tasks of list " + list, views));
        if (!list.isEmpty()) {
            t.settings(scope, list).ifPresent(s -> w.print(TasksHtml.settings(list, s)));
            w.print("<p class=\"statline\"><a id=\"tasks-list-graph\" href=\"" + TasksHtml.LABEL + "?scope="
                    + dev.trellis.console.internal.html.Html.uri(scope.key()) + "&amp;graph="
                    + dev.trellis.console.internal.html.Html.uri(list) + "\">Dependency graph of this list</a></p>\n");
        }
        w.print("<p>&nbsp;</p>");
        w.print(TasksHtml.createForm(token, Optional.of(scope), list));
    }

    private void task(TaskService t, Scope scope, EdgeRef ref, GraphQuery q, String token, PrintWriter w) {
        w.print(TasksHtml.nav(Optional.of(scope)));
        Optional<TaskItem> item = ref.isItem() ? t.get(scope, ref) : Optional.empty();
        if (item.isEmpty()) {
            w.print(TasksHtml.problem("There is no task " + ref + " in " + scope.key() + "."));
            return;
        }
        GraphResult blockers = t.graph(scope, ref, new GraphQuery(GraphQuery.Direction.REVERSE, 1, 1000));
        List<EdgeRef> blockedBy = blockers.edges().stream().map(GraphResult.Edge::source).filter(s -> !s.equals(ref)).toList();
        w.print(TasksHtml.task(scope, ref, item.get(), blockedBy, token));
        w.print(TasksHtml.graphForm(scope, ref, q));
        w.print(TasksHtml.graph("Dependency graph (" + q.direction().name().toLowerCase(java.util.Locale.ROOT) + ", depth "
                + q.depth() + ")", svg(t, scope, t.graph(scope, ref, q))));
    }

    /** The SVG of a slice, with subjects and statuses read once per list involved. */
    private static String svg(TaskService t, Scope scope, GraphResult g) {
        Map<String, Optional<TaskList>> lists = new HashMap<>();
        return GraphSvg.render(g, n -> {
            if (!n.isItem()) {
                return GraphSvg.NodeInfo.NONE;
            }
            Optional<TaskList> list = lists.computeIfAbsent(n.block(), b -> {
                try {
                    return t.read(scope, b);
                } catch (TaskException e) {
                    return Optional.empty();
                }
            });
            TaskId id = n.item().orElseThrow();
            return list.flatMap(l -> l.item(id)).map(i -> new GraphSvg.NodeInfo(Optional.of(i.subject()), Optional.of(i.status())))
                    .orElse(GraphSvg.NodeInfo.NONE);
        });
    }

    private static GraphQuery graphQuery(HttpServletRequest req) {
        String d = param(req, "direction").strip();
        GraphQuery.Direction direction = switch (d) {
            case "" -> PAGE_GRAPH.direction();
            case "forward" -> GraphQuery.Direction.FORWARD;
            case "reverse" -> GraphQuery.Direction.REVERSE;
            case "both" -> GraphQuery.Direction.BOTH;
            default -> throw new IllegalArgumentException("direction must be forward, reverse or both, was '" + d + "'");
        };
        return new GraphQuery(direction, number(req, "depth", PAGE_GRAPH.depth(), 0, 64),
                number(req, "max", PAGE_GRAPH.maxNodes(), 1, 1000));
    }

    private static int number(HttpServletRequest req, String name, int fallback, int min, int max) {
        String v = param(req, name).strip();
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", was '" + v + "'");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!csrf.accepts(req)) {
            resp.setHeader("Cache-Control", "no-store");
            resp.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "Missing or wrong CSRF token: reload the Trellis tasks page and submit the form again.");
            return;
        }
        String back = TasksHtml.LABEL;
        Notice notice;
        try {
            TaskService t = tasks;
            if (t == null) {
                throw new IllegalStateException("the task service is not available; nothing was changed");
            }
            Scope scope = Scope.parse(required(req, "scope"));
            String action = param(req, "action");
            switch (action) {
                case "create" -> {
                    String list = required(req, "list");
                    List<TaskSpec> specs = Arrays.stream(param(req, "subjects").split("\\R")).map(String::strip)
                            .filter(s -> !s.isEmpty()).map(TaskSpec::of).toList();
                    if (specs.isEmpty()) {
                        throw new IllegalArgumentException("write at least one subject, one task per line");
                    }
                    String description = param(req, "description").strip();
                    List<TaskId> ids = t.create(scope, list, description.isEmpty() ? Optional.empty() : Optional.of(description),
                            specs);
                    back = "trellis-tasks?scope=" + enc(scope.key()) + "&list=" + enc(list);
                    notice = new Notice(false, "Added " + ids.size() + (ids.size() == 1 ? " task" : " tasks") + " to " + list + ": "
                            + ids.stream().map(id -> list + "#" + id).collect(Collectors.joining(", ")) + ".");
                }
                case "transition", "comment", "link" -> {
                    EdgeRef ref = EdgeRef.parse(required(req, "task"));
                    back = "trellis-tasks?scope=" + enc(scope.key()) + "&task=" + enc(ref.toString());
                    notice = change(t, scope, ref, action, req);
                }
                default -> throw new IllegalArgumentException("unknown action '" + action + "'");
            }
        } catch (TaskException | MemoryException | IllegalArgumentException | IllegalStateException e) {
            notice = new Notice(true, "Not done: " + e.getMessage());
        }
        req.getSession(true).setAttribute(NOTICE, notice);
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", back);
    }

    private static Notice change(TaskService t, Scope scope, EdgeRef ref, String action, HttpServletRequest req) {
        return switch (action) {
            case "transition" -> {
                TaskStatus s = TaskStatus.parse(required(req, "status"));
                t.transition(scope, ref, s);
                yield new Notice(false, "Task " + ref + " is now " + s.id() + ".");
            }
            case "comment" -> {
                t.comment(scope, ref, required(req, "text"));
                yield new Notice(false, "Comment added to " + ref + ".");
            }
            default -> {
                EdgeRef target = EdgeRef.parse(required(req, "target"));
                if (param(req, "mode").equals("unlink")) {
                    t.unlink(scope, ref, target);
                    yield new Notice(false, ref + " no longer blocks " + target + ".");
                }
                t.link(scope, ref, target);
                yield new Notice(false, ref + " now blocks " + target + ".");
            }
        };
    }

    private static String required(HttpServletRequest req, String name) {
        String v = param(req, name).strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("the form field '" + name + "' is empty");
        }
        return v;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String param(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        return v == null ? "" : v;
    }
}
