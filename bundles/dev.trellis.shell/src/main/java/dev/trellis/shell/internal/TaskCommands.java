package dev.trellis.shell.internal;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskService;
import dev.trellis.api.tasks.TaskStatus;
import dev.trellis.api.tasks.TaskView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code trellis:tasks [-s status,…] [-o owner] [-b yes|no] [-k keyword] <scope> [list]}: the tasks of one list or of
 * every task list of a scope, with filters, as a table (ref, status, owner, blocked by, blocks, subject). Read-only.
 */
@Component(service = Object.class, property = {"osgi.command.scope=trellis", "osgi.command.function=tasks"})
public final class TaskCommands {

    // optional + dynamic: the command stays and explains itself while the tasks bundle is away
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TaskService tasks;

    public TaskCommands() {
    }

    TaskCommands(TaskService tasks) {
        this.tasks = tasks;
    }

    @Descriptor("list the tasks of every task list of a scope")
    public String tasks(
            @Descriptor("only these statuses, comma separated (pending,in-progress,blocked,completed,cancelled)")
            @Parameter(names = {"-s", "--status"}, absentValue = "") String status,
            @Descriptor("only tasks of this owner") @Parameter(names = {"-o", "--owner"}, absentValue = "") String owner,
            @Descriptor("yes: only blocked tasks, no: only unblocked ones") @Parameter(names = {"-b", "--blocked"},
                    absentValue = "") String blocked,
            @Descriptor("full-text query over subject, description, comments") @Parameter(names = {"-k", "--keyword"},
                    absentValue = "") String keyword,
            @Descriptor("scope, local:<project> or global:<persona>") String scope) {
        return run(status, owner, blocked, keyword, scope, Optional.empty());
    }

    @Descriptor("list the tasks of one task list")
    public String tasks(
            @Descriptor("only these statuses, comma separated") @Parameter(names = {"-s", "--status"}, absentValue = "")
            String status,
            @Descriptor("only tasks of this owner") @Parameter(names = {"-o", "--owner"}, absentValue = "") String owner,
            @Descriptor("yes: only blocked tasks, no: only unblocked ones") @Parameter(names = {"-b", "--blocked"},
                    absentValue = "") String blocked,
            @Descriptor("full-text query") @Parameter(names = {"-k", "--keyword"}, absentValue = "") String keyword,
            @Descriptor("scope, local:<project> or global:<persona>") String scope,
            @Descriptor("task list handle, e.g. sprint") String list) {
        return run(status, owner, blocked, keyword, scope, Optional.of(list));
    }

    private String run(String status, String owner, String blocked, String keyword, String scope, Optional<String> list) {
        Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
        Arrays.stream(status.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(TaskStatus::parse)
                .forEach(statuses::add);
        Optional<Boolean> hasBlockers = switch (blocked.strip()) {
            case "" -> Optional.empty();
            case "yes" -> Optional.of(true);
            case "no" -> Optional.of(false);
            default -> throw new IllegalArgumentException("-b must be yes or no, was '" + blocked + "'");
        };
        TaskFilter filter = new TaskFilter(statuses, nonBlank(owner), hasBlockers, nonBlank(keyword), Optional.empty());
        List<TaskView> views = service().list(Scope.parse(scope), list, filter);
        if (views.isEmpty()) {
            return "No tasks" + list.map(l -> " in " + l).orElse(" in " + scope) + " match.\n";
        }
        List<List<String>> rows = new ArrayList<>();
        for (TaskView v : views) {
            rows.add(List.of(v.ref().toString(), v.status().id(), v.owner().orElse(""), Integer.toString(v.blockerCount()),
                    Integer.toString(v.blocksCount()), v.subject()));
        }
        return ShellFormat.table(List.of("TASK", "STATUS", "OWNER", "BLOCKED BY", "BLOCKS", "SUBJECT"), rows)
                + views.size() + (views.size() == 1 ? " task" : " tasks") + "\n";
    }

    private static Optional<String> nonBlank(String s) {
        return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    private TaskService service() {
        TaskService t = tasks;
        if (t == null) {
            throw new IllegalStateException("the task service is not available: is dev.trellis.tasks (and memory) active?"
                    + " (lb trellis)");
        }
        return t;
    }
}
