package dev.trellis.tasks.internal;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphQuery;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskList;
import dev.trellis.api.tasks.TaskListSettings;
import dev.trellis.api.tasks.TaskPatch;
import dev.trellis.api.tasks.TaskService;
import dev.trellis.api.tasks.TaskSpec;
import dev.trellis.api.tasks.TaskStatus;
import dev.trellis.api.tasks.TaskView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link TaskService} for one fixed actor; views are further instances. */
class ScopedTasks implements TaskService {

    private final TaskEngine engine;
    private final TaskEngine.Actor actor;

    ScopedTasks(TaskEngine engine, TaskEngine.Actor actor) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    @Override
    public List<TaskId> create(Scope scope, String block, Optional<String> blockDescription, List<TaskSpec> items) {
        return engine.create(actor, scope, block, blockDescription, items);
    }

    @Override
    public Optional<TaskItem> get(Scope scope, EdgeRef ref) {
        return engine.get(actor, scope, ref);
    }

    @Override
    public void update(Scope scope, EdgeRef ref, TaskPatch patch) {
        engine.update(actor, scope, ref, patch);
    }

    @Override
    public void transition(Scope scope, EdgeRef ref, TaskStatus status) {
        engine.transition(actor, scope, ref, status);
    }

    @Override
    public void comment(Scope scope, EdgeRef ref, String text) {
        engine.comment(actor, scope, ref, text);
    }

    @Override
    public void link(Scope scope, EdgeRef source, EdgeRef target) {
        engine.link(actor, scope, source, target);
    }

    @Override
    public void unlink(Scope scope, EdgeRef source, EdgeRef target) {
        engine.unlink(actor, scope, source, target);
    }

    @Override
    public List<TaskView> list(Scope scope, Optional<String> block, TaskFilter filter) {
        return engine.list(actor, scope, block, filter);
    }

    @Override
    public GraphResult graph(Scope scope, EdgeRef root, GraphQuery query) {
        return engine.graph(actor, scope, root, query);
    }

    @Override
    public Optional<TaskListSettings> settings(Scope scope, String block) {
        return engine.settings(actor, scope, block);
    }

    @Override
    public Optional<TaskList> read(Scope scope, String block) {
        return engine.read(actor, scope, block);
    }

    @Override
    public void configure(Scope scope, String block, Optional<String> blockDescription, TaskListSettings settings) {
        engine.configure(actor, scope, block, blockDescription, settings);
    }

    @Override
    public TaskService view(ScopeBinding binding) {
        return new ScopedTasks(engine, actor.in(Objects.requireNonNull(binding, "binding")));
    }
}
