package dev.trellis.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphQuery;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskList;
import dev.trellis.api.tasks.TaskListSettings;
import dev.trellis.api.tasks.TaskService;
import dev.trellis.api.tasks.TaskStatus;
import dev.trellis.api.tasks.TaskView;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** trellis:tasks and trellis:task-graph: the arguments they pass, what they print, how they refuse bad input. */
class TaskCommandsTest {

    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final EdgeRef A = EdgeRef.item("sprint", new TaskId(1_000_001));
    static final EdgeRef B = EdgeRef.item("sprint", new TaskId(1_000_002));

    final List<Object> calls = new ArrayList<>();

    TaskService tasks() {
        TaskItem a = new TaskItem(A.item().orElseThrow(), "Write the spec", "", Optional.empty(), TaskStatus.IN_PROGRESS,
                Optional.of("ada"), List.of(B), "{}", List.of(), T0, T0, Optional.empty());
        return (TaskService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TaskService.class},
                (proxy, method, args) -> {
                    calls.add(List.of(method.getName(), List.of(args)));
                    return switch (method.getName()) {
                        case "list" -> List.of(new TaskView(A, "Write the spec", TaskStatus.IN_PROGRESS, Optional.of("ada"), 0, 1),
                                new TaskView(B, "Review\nit", TaskStatus.PENDING, Optional.empty(), 1, 0));
                        case "graph" -> new GraphResult(List.of(A, B, EdgeRef.block("later")),
                                List.of(new GraphResult.Edge(A, B)), true);
                        case "read" -> Optional.of(new TaskList(TaskListSettings.DEFAULT, List.of(a)));
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    @Test
    void tasksPassesTheFiltersAndPrintsATable() {
        String out = new TaskCommands(tasks()).tasks("in-progress, pending", "ada", "no", "spec", "local:trellis", "sprint");
        assertThat(calls).containsExactly(List.of("list", List.of(Scope.local("trellis"), Optional.of("sprint"),
                new TaskFilter(Set.of(TaskStatus.IN_PROGRESS, TaskStatus.PENDING), Optional.of("ada"), Optional.of(false),
                        Optional.of("spec"), Optional.empty()))));
        assertThat(out).startsWith("TASK                  STATUS       OWNER  BLOCKED BY  BLOCKS  SUBJECT\n")
                .contains(A + "  in-progress  ada    0           1       Write the spec\n")
                .contains("Review it").endsWith("2 tasks\n");
        new TaskCommands(tasks()).tasks("", "", "", "", "global:@ada");
        assertThat(calls.get(1)).isEqualTo(List.of("list", List.of(Scope.global("@ada"), Optional.empty(), TaskFilter.ALL)));
    }

    @Test
    void tasksRefusesBadInputWithWhatToType() {
        TaskCommands c = new TaskCommands(tasks());
        assertThatThrownBy(() -> c.tasks("done", "", "", "", "local:x")).hasMessageStartingWith("unknown task status 'done'");
        assertThatThrownBy(() -> c.tasks("", "", "maybe", "", "local:x")).hasMessage("-b must be yes or no, was 'maybe'");
        assertThatThrownBy(() -> c.tasks("", "", "", "", "x")).hasMessageContaining("must be 'local:<project>' or 'global:<persona>'");
        assertThatThrownBy(() -> new TaskCommands(null).tasks("", "", "", "", "local:x"))
                .hasMessageStartingWith("the task service is not available");
    }

    @Test
    void taskGraphPrintsNodesAndEdges() {
        TaskGraphCommand c = new TaskGraphCommand(tasks());
        String out = (String) c.execute(null, List.of("local:trellis", A.toString(), "both", "2", "3"));
        assertThat(calls.getFirst()).isEqualTo(List.of("graph", List.of(Scope.local("trellis"), A,
                new GraphQuery(GraphQuery.Direction.BOTH, 2, 3))));
        assertThat(out).startsWith("Graph from " + A + " (both, depth 2): 3 nodes, 1 edge, truncated by max-nodes\n")
                .contains(A + "  in-progress  Write the spec\n", B + "  (missing)\n", "later                 (list)\n")
                .endsWith("Edges (blocker -> blocked):\n  " + A + " -> " + B + "\n");
        new TaskGraphCommand(tasks()).execute(null, List.of("local:trellis", "sprint"));
        assertThat(calls).contains(List.of("graph", List.of(Scope.local("trellis"), EdgeRef.block("sprint"), GraphQuery.DEFAULT)));
    }

    @Test
    void taskGraphRefusesBadInputWithTheUsage() {
        TaskGraphCommand c = new TaskGraphCommand(tasks());
        assertThatThrownBy(() -> c.execute(null, List.of("local:x"))).hasMessage(TaskGraphCommand.USAGE);
        assertThatThrownBy(() -> c.execute(null, List.of("local:x", "l#"))).hasMessage("edge ref 'l#': empty item id at index 2");
        assertThatThrownBy(() -> c.execute(null, List.of("local:x", "l", "up"))).hasMessageStartingWith(
                "direction must be forward, reverse or both, was 'up'");
        assertThatThrownBy(() -> c.execute(null, List.of("local:x", "l", "forward", "-1"))).hasMessageStartingWith(
                "depth must be a whole number of at least 0, was '-1'");
    }
}
