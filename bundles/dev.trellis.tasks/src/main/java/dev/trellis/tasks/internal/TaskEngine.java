package dev.trellis.tasks.internal;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.schema.SchemaViolation;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreService;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphQuery;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.Patch;
import dev.trellis.api.tasks.TaskComment;
import dev.trellis.api.tasks.TaskError;
import dev.trellis.api.tasks.TaskException;
import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskList;
import dev.trellis.api.tasks.TaskListSettings;
import dev.trellis.api.tasks.TaskPatch;
import dev.trellis.api.tasks.TaskSpec;
import dev.trellis.api.tasks.TaskStatus;
import dev.trellis.api.tasks.TaskView;
import dev.trellis.tasks.internal.format.TaskListJson;
import dev.trellis.tasks.internal.graph.GraphWalk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Carries out every task operation for an {@link Actor}. A change reads the list block through the actor's
 * memory view, edits the parsed {@link TaskList}, and writes it back with {@code Set} at the revision it read,
 * authored by the actor ({@code MemoryService.actingFor}); the memory bundle hands the new content to
 * {@link TaskListOwner}, which indexes it in the same transaction. Changes of one list from this host are
 * serialized (striped locks); a conflicting write from elsewhere is retried on the fresh content.
 *
 * <p>Queries run on the index ({@code TaskIndexStore}) for the lists the actor's view shows.
 */
@Component(service = TaskEngine.class, configurationPid = "dev.trellis.tasks")
@Designate(ocd = TasksConfig.class)
public final class TaskEngine {

    /** Who acts, and through which memory view. */
    public record Actor(Author author, Optional<ScopeBinding> binding) {
        public Actor {
            Objects.requireNonNull(author, "author");
            Objects.requireNonNull(binding, "binding");
        }

        public static Actor of(Author author) {
            return new Actor(author, Optional.empty());
        }

        public Actor in(ScopeBinding value) {
            return new Actor(author, Optional.of(value));
        }
    }

    /** The new list and what the operation returns. */
    private record Change<T>(TaskList list, T result) {
    }

    private static final int LOCK_STRIPES = 64;

    private final MemoryService memory;
    private final StoreService store;
    private final TaskIds ids;
    private final int listCharLimit;
    private final int retries;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    /**
     * @param owner only waited for: writes of task lists need the owner bound in memory, so the engine starts
     *              after it
     */
    @Activate
    public TaskEngine(@Reference(name = "memory") MemoryService memory, @Reference(name = "store") StoreService store,
            @Reference(name = "ids") TaskIds ids, @Reference(name = "owner") TaskListOwner owner, TasksConfig config) {
        this(memory, store, ids, config.list_char_limit(), config.write_retries());
    }

    TaskEngine(MemoryService memory, StoreService store, TaskIds ids, int listCharLimit, int retries) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.store = Objects.requireNonNull(store, "store");
        this.ids = Objects.requireNonNull(ids, "ids");
        if (listCharLimit < 1 || retries < 1) {
            throw new IllegalArgumentException("dev.trellis.tasks: list.char.limit and write.retries must be >= 1, were "
                    + listCharLimit + " and " + retries);
        }
        this.listCharLimit = listCharLimit;
        this.retries = retries;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    // ---- writes

    public List<TaskId> create(Actor actor, Scope scope, String block, Optional<String> description, List<TaskSpec> specs) {
        Objects.requireNonNull(specs, "items");
        for (TaskSpec spec : specs) {
            metadata(spec.metadataJson(), "metadata of '" + spec.subject() + "'");
        }
        return change(actor, scope, block, description, true, list -> {
            Instant now = ids.now();
            List<TaskItem> items = new ArrayList<>(list.items());
            List<TaskId> created = new ArrayList<>();
            for (TaskSpec spec : specs) {
                TaskId id = ids.newId();
                created.add(id);
                TaskStatus status = spec.status().orElse(list.settings().defaultStatus());
                items.add(new TaskItem(id, spec.subject(), spec.description(), spec.activeForm().filter(s -> !s.isEmpty()),
                        status, spec.owner().or(() -> list.settings().defaultOwner()), List.of(),
                        metadata(spec.metadataJson(), "metadata"), List.of(), now, now,
                        status == TaskStatus.COMPLETED ? Optional.of(now) : Optional.empty()));
            }
            return new Change<>(new TaskList(list.settings(), items), List.copyOf(created));
        });
    }

    public void update(Actor actor, Scope scope, EdgeRef ref, TaskPatch patch) {
        Objects.requireNonNull(patch, "patch");
        Optional<String> metadata = patch.metadataJson() instanceof Patch.Set<String>(String json)
                ? Optional.of(metadata(json, "metadata")) : Optional.empty();
        changeItem(actor, scope, ref, item -> {
            if (patch.isEmpty()) {
                return item;
            }
            String subject = patch.subject().applyTo(Optional.of(item.subject())).orElseThrow();
            String description = patch.description().applyTo(Optional.of(item.description())).orElse("");
            String meta = switch (patch.metadataJson()) {
                case Patch.Absent<String> a -> item.metadataJson();
                case Patch.Clear<String> c -> "{}";
                case Patch.Set<String> s -> metadata.orElseThrow();
            };
            return new TaskItem(item.id(), subject, description,
                    patch.activeForm().applyTo(item.activeForm()).filter(s -> !s.isEmpty()), item.status(),
                    patch.owner().applyTo(item.owner()), item.blocks(), meta, item.comments(), item.createdAt(),
                    ids.now(), item.completedAt());
        });
    }

    public void transition(Actor actor, Scope scope, EdgeRef ref, TaskStatus status) {
        Objects.requireNonNull(status, "status");
        changeItem(actor, scope, ref, item -> {
            Instant now = ids.now();
            Optional<Instant> completed = status == TaskStatus.COMPLETED
                    ? Optional.of(item.status() == TaskStatus.COMPLETED ? item.completedAt().orElse(now) : now)
                    : Optional.empty();
            return new TaskItem(item.id(), item.subject(), item.description(), item.activeForm(), status, item.owner(),
                    item.blocks(), item.metadataJson(), item.comments(), item.createdAt(), now, completed);
        });
    }

    public void comment(Actor actor, Scope scope, EdgeRef ref, String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("comment text is blank");
        }
        changeItem(actor, scope, ref, item -> {
            Instant now = ids.now();
            List<TaskComment> comments = new ArrayList<>(item.comments());
            comments.add(new TaskComment(actor.author().render(), now, text));
            return new TaskItem(item.id(), item.subject(), item.description(), item.activeForm(), item.status(),
                    item.owner(), item.blocks(), item.metadataJson(), comments, item.createdAt(), now, item.completedAt());
        });
    }

    public void link(Actor actor, Scope scope, EdgeRef source, EdgeRef target) {
        Objects.requireNonNull(target, "target");
        requireItem(source);
        if (!target.block().equals(source.block())) {
            // the target is only read: linking touches the source list alone
            TaskList targetList = readList(mem(actor), scope, target.block());
            target.item().ifPresent(id -> targetList.item(id)
                    .orElseThrow(() -> new TaskException(new TaskError.TaskNotFound(target))));
        }
        changeItem(actor, scope, source, list -> {
            target.item().ifPresent(id -> {
                if (target.block().equals(source.block()) && list.item(id).isEmpty()) {
                    throw new TaskException(new TaskError.TaskNotFound(target));
                }
            });
            return list;
        }, item -> {
            if (item.blocks().contains(target)) {
                return item;
            }
            List<EdgeRef> blocks = new ArrayList<>(item.blocks());
            blocks.add(target);
            return withBlocks(item, blocks);
        });
    }

    public void unlink(Actor actor, Scope scope, EdgeRef source, EdgeRef target) {
        Objects.requireNonNull(target, "target");
        changeItem(actor, scope, source, item -> {
            if (!item.blocks().contains(target)) {
                return item;
            }
            List<EdgeRef> blocks = new ArrayList<>(item.blocks());
            blocks.remove(target);
            return withBlocks(item, blocks);
        });
    }

    private TaskItem withBlocks(TaskItem item, List<EdgeRef> blocks) {
        return new TaskItem(item.id(), item.subject(), item.description(), item.activeForm(), item.status(), item.owner(),
                blocks, item.metadataJson(), item.comments(), item.createdAt(), ids.now(), item.completedAt());
    }

    public void configure(Actor actor, Scope scope, String block, Optional<String> description, TaskListSettings settings) {
        Objects.requireNonNull(settings, "settings");
        change(actor, scope, block, description, true, list -> new Change<>(new TaskList(settings, list.items()), null));
    }

    // ---- reads

    public Optional<TaskItem> get(Actor actor, Scope scope, EdgeRef ref) {
        requireItem(ref);
        return read(actor, scope, ref.block()).flatMap(list -> list.item(ref.item().orElseThrow()));
    }

    public Optional<TaskList> read(Actor actor, Scope scope, String block) {
        BlockAddress address = address(scope, block);
        Optional<Block> b = mem(actor).read(address);
        if (b.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(b.get()));
    }

    public Optional<TaskListSettings> settings(Actor actor, Scope scope, String block) {
        try {
            return read(actor, scope, block).map(TaskList::settings);
        } catch (TaskException e) {
            if (e.error() instanceof TaskError.NotATaskList) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<TaskView> list(Actor actor, Scope scope, Optional<String> block, TaskFilter filter) {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(filter, "filter");
        if (block.isPresent() && filter.blocks().isPresent() && !filter.blocks().get().contains(block.get())) {
            throw new TaskException(new TaskError.ConflictingBlockScope(block.get()));
        }
        return query(filter, tx -> {
            List<String> labels;
            if (block.isPresent()) {
                requireList(actor, scope, block.get(), tx);
                labels = List.of(block.get());
            } else {
                List<String> visible = visibleLists(actor, scope, tx);
                labels = filter.blocks().map(wanted -> visible.stream().filter(wanted::contains).toList()).orElse(visible);
            }
            return labels.isEmpty() ? List.<TaskView>of() : tx.tasks().list(scope, labels, filter);
        });
    }

    public GraphResult graph(Actor actor, Scope scope, EdgeRef root, GraphQuery query) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(query, "query");
        return query(TaskFilter.ALL, tx -> {
            requireList(actor, scope, root.block(), tx);
            if (root.isItem() && !tx.tasks().contains(scope, root)) {
                throw new TaskException(new TaskError.TaskNotFound(root));
            }
            Set<String> visible = Set.copyOf(visibleLists(actor, scope, tx));
            return GraphWalk.walk(root, query, visible::contains, new GraphWalk.EdgeSource() {
                @Override
                public List<GraphResult.Edge> from(Collection<EdgeRef> items) {
                    return tx.tasks().edgesFrom(scope, items);
                }

                @Override
                public List<GraphResult.Edge> to(Collection<EdgeRef> nodes) {
                    return tx.tasks().edgesTo(scope, nodes);
                }

                @Override
                public List<TaskId> items(String list) {
                    return tx.tasks().items(scope, list);
                }
            });
        });
    }

    // ---- helpers

    private MemoryService mem(Actor actor) {
        MemoryService m = actor.binding().map(memory::view).orElse(memory);
        return m.actingFor(actor.author());
    }

    /**
     * The task lists of a scope the actor sees. Unbound, that is every list of the scope, which the index knows in
     * the query's own read transaction (it follows the blocks in their write transactions); a bound view asks
     * memory, which applies the isolation policy.
     */
    private List<String> visibleLists(Actor actor, Scope scope, dev.trellis.api.store.StoreTransaction tx) {
        if (actor.binding().isEmpty()) {
            return tx.tasks().lists(scope);
        }
        return mem(actor).list(ListFilter.in(scope).withSchema(Schema.TASK_LIST)).stream().map(md -> md.address().label())
                .toList();
    }

    /** Like {@link #requireList(MemoryService, Scope, String)}; an unbound actor's indexed list needs no block read. */
    private void requireList(Actor actor, Scope scope, String block, dev.trellis.api.store.StoreTransaction tx) {
        if (actor.binding().isEmpty() && tx.tasks().contains(scope, EdgeRef.block(block))) {
            return;
        }
        requireList(mem(actor), scope, block); // the exact error, or the view's verdict
    }

    private static void requireList(MemoryService m, Scope scope, String block) {
        BlockAddress address = address(scope, block);
        BlockMetadata md = m.metadata(address).orElseThrow(() -> new TaskException(new TaskError.BlockNotFound(block)));
        if (md.schema() != Schema.TASK_LIST) {
            throw new TaskException(new TaskError.NotATaskList(block));
        }
    }

    private static void requireItem(EdgeRef ref) {
        Objects.requireNonNull(ref, "ref");
        if (!ref.isItem()) {
            throw new TaskException(new TaskError.MissingItemId(ref));
        }
    }

    private <T> T query(TaskFilter filter, dev.trellis.api.store.Work<T> work) {
        try {
            return store.read(work);
        } catch (StoreException e) {
            if (e.reason() == StoreException.Reason.BAD_QUERY) {
                throw new TaskException(new TaskError.Memory(new MemoryError.QueryError(filter.keyword().orElse(""),
                        e.getMessage())), e);
            }
            throw new TaskException(new TaskError.Memory(new MemoryError.StoreUnavailable(e.getMessage())), e);
        }
    }

    static BlockAddress address(Scope scope, String block) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(block, "block");
        try {
            return BlockAddress.of(scope, block);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task list handle '" + block + "' is not a block label: " + e.getMessage(), e);
        }
    }

    private TaskList readList(MemoryService m, Scope scope, String block) {
        return parse(m.read(address(scope, block)).orElseThrow(() -> new TaskException(new TaskError.BlockNotFound(block))));
    }

    private static TaskList parse(Block b) {
        if (b.metadata().schema() != Schema.TASK_LIST) {
            throw new TaskException(new TaskError.NotATaskList(b.address().label()));
        }
        try {
            return TaskListJson.parse(b.content());
        } catch (SchemaViolation e) {
            throw new TaskException(new TaskError.Memory(new MemoryError.InvalidOperation(b.address(),
                    "the stored task list cannot be read: " + e.getMessage())), e);
        }
    }

    private static String metadata(String json, String what) {
        try {
            return TaskListJson.metadataText(TaskListJson.canonicalMetadata(json));
        } catch (IllegalArgumentException e) {
            throw new TaskException(new TaskError.InvalidJson(what, e.getMessage()), e);
        }
    }

    /** Changes one item; the list must exist and hold it. */
    private void changeItem(Actor actor, Scope scope, EdgeRef ref, Function<TaskItem, TaskItem> edit) {
        changeItem(actor, scope, ref, Function.identity(), edit);
    }

    private void changeItem(Actor actor, Scope scope, EdgeRef ref, Function<TaskList, TaskList> check,
            Function<TaskItem, TaskItem> edit) {
        requireItem(ref);
        TaskId id = ref.item().orElseThrow();
        change(actor, scope, ref.block(), Optional.empty(), false, list -> {
            check.apply(list);
            List<TaskItem> items = new ArrayList<>(list.items());
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).id().equals(id)) {
                    TaskItem before = items.get(i);
                    TaskItem after = edit.apply(before);
                    if (after.equals(before)) {
                        return new Change<>(list, null);
                    }
                    items.set(i, after);
                    return new Change<>(new TaskList(list.settings(), items), null);
                }
            }
            throw new TaskException(new TaskError.TaskNotFound(ref));
        });
    }

    /**
     * Reads the list, applies {@code edit}, writes the result (if it differs) at the revision read; on a
     * conflicting write from elsewhere, starts over on the fresh content.
     *
     * @param createIfMissing create the list (working tier, default settings) instead of {@code BlockNotFound}
     */
    private <T> T change(Actor actor, Scope scope, String block, Optional<String> description, boolean createIfMissing,
            Function<TaskList, Change<T>> edit) {
        BlockAddress address = address(scope, block);
        MemoryService m = mem(actor);
        ReentrantLock lock = locks[Math.floorMod(address.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            MemoryException last = null;
            for (int attempt = 0; attempt < retries; attempt++) {
                Optional<Block> current = m.read(address);
                try {
                    if (current.isEmpty()) {
                        if (!createIfMissing) {
                            throw new TaskException(new TaskError.BlockNotFound(block));
                        }
                        Change<T> c = edit.apply(TaskList.EMPTY);
                        m.create(new BlockCreate(address, Tier.WORKING, Schema.TASK_LIST, description.orElse(""),
                                listCharLimit, Permission.DEFAULT, false, TaskListJson.format(c.list())));
                        return c.result();
                    }
                    TaskList before = parse(current.get());
                    Change<T> c = edit.apply(before);
                    if (!c.list().equals(before)) {
                        m.apply(address, new MemoryOp.Set(TaskListJson.format(c.list())), current.get().revision());
                    }
                    return c.result();
                } catch (MemoryException e) {
                    if (e.error() instanceof MemoryError.Conflict || e.error() instanceof MemoryError.AlreadyExists) {
                        last = e;
                        continue;
                    }
                    throw new TaskException(new TaskError.Memory(e.error()), e);
                }
            }
            throw new TaskException(new TaskError.Memory(last.error()), last);
        } finally {
            lock.unlock();
        }
    }
}
