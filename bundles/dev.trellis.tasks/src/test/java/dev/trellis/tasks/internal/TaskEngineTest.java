package dev.trellis.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphQuery;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.Patch;
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
import dev.trellis.memory.internal.MemoryStackForTests;
import dev.trellis.store.sqlite.internal.SqliteDatabase;
import dev.trellis.tasks.internal.format.TaskListJson;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task operations (task-skill AC4, AC5) on the real stack: SQLite file, memory engine with the schema hook,
 * {@link TaskListOwner}, {@link TaskEngine}. In-framework tests repeat the essentials through OSGi services.
 */
class TaskEngineTest {

    static final Scope P = Scope.local("proj");
    static final TaskEngine.Actor ADA = TaskEngine.Actor.of(new Author.Agent("ada"));

    @TempDir
    Path dir;
    SqliteDatabase db;
    MemoryStackForTests stack;
    final IdGeneratorTest.HandClock clock = new IdGeneratorTest.HandClock();
    TaskIds ids;
    TaskListOwner owner;
    MemoryService memory;
    TaskEngine engine;

    @BeforeEach
    void setUp() {
        db = SqliteDatabase.open(new SqliteDatabase.Settings(dir.resolve("trellis.db"), Duration.ofSeconds(10), 2));
        stack = new MemoryStackForTests(db, clock);
        ids = new TaskIds(3, clock);
        owner = new TaskListOwner(ids);
        stack.bind(owner);
        memory = stack.memoryFor("dev.trellis.tasks");
        engine = new TaskEngine(memory, db, ids, 1_000_000, 16);
    }

    @AfterEach
    void tearDown() {
        stack.close();
        db.close();
    }

    static TaskError error(ThrowingCallable call) {
        TaskException e = org.assertj.core.api.Assertions.catchThrowableOfType(TaskException.class, call);
        assertThat(e).as("a TaskException").isNotNull();
        return e.error();
    }

    List<TaskId> create(String list, String... subjects) {
        return engine.create(ADA, P, list, Optional.empty(), java.util.Arrays.stream(subjects).map(TaskSpec::of).toList());
    }

    Block block(String list) {
        return memory.read(BlockAddress.of(P, list)).orElseThrow();
    }

    TaskItem get(EdgeRef ref) {
        return engine.get(ADA, P, ref).orElseThrow();
    }

    @Test
    void createMakesTheListAndReturnsIdsInInputOrderVisibleInList() {
        List<TaskId> made = engine.create(ADA, P, "sprint", Optional.of("this week"),
                List.of(TaskSpec.of("one"), TaskSpec.of("two"), TaskSpec.of("three")));
        assertThat(made).hasSize(3).isSorted().doesNotHaveDuplicates();
        Block b = block("sprint");
        assertThat(b.metadata().schema()).isEqualTo(Schema.TASK_LIST);
        assertThat(b.metadata().description()).isEqualTo("this week");
        assertThat(b.metadata().lastAuthor()).isEqualTo(new Author.Agent("ada"));
        assertThat(engine.list(ADA, P, Optional.of("sprint"), TaskFilter.ALL)).extracting(TaskView::ref)
                .containsExactly(made.stream().map(id -> EdgeRef.item("sprint", id)).toArray(EdgeRef[]::new));
        // the description is only for a new list
        engine.create(ADA, P, "sprint", Optional.of("ignored"), List.of(TaskSpec.of("four")));
        assertThat(block("sprint").metadata().description()).isEqualTo("this week");
        assertThat(engine.read(ADA, P, "sprint").orElseThrow().items()).hasSize(4);
    }

    @Test
    void newItemsTakeTheListDefaults() {
        engine.configure(ADA, P, "ops", Optional.empty(), new TaskListSettings(Optional.of("bo"), TaskStatus.BLOCKED, 5));
        TaskId id = create("ops", "restart the router").getFirst();
        TaskItem item = get(EdgeRef.item("ops", id));
        assertThat(item.owner()).contains("bo");
        assertThat(item.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(engine.settings(ADA, P, "ops")).contains(new TaskListSettings(Optional.of("bo"), TaskStatus.BLOCKED, 5));
        TaskSpec own = new TaskSpec("explicit", "", Optional.empty(), Optional.of(TaskStatus.COMPLETED), Optional.of("cy"), "{}");
        TaskItem explicit = get(EdgeRef.item("ops", engine.create(ADA, P, "ops", Optional.empty(), List.of(own)).getFirst()));
        assertThat(explicit.owner()).contains("cy");
        assertThat(explicit.completedAt()).contains(explicit.createdAt());
    }

    @Test
    void updatePatchesOnlyTheGivenFieldsAndRefreshesUpdatedAt() {
        EdgeRef ref = EdgeRef.item("sprint", engine.create(ADA, P, "sprint", Optional.empty(), List.of(new TaskSpec("Write",
                "details", Optional.of("writing"), Optional.empty(), Optional.of("ada"), "{\"p\":1}"))).getFirst());
        TaskItem before = get(ref);
        clock.millis.addAndGet(5_000);
        engine.update(ADA, P, ref, new TaskPatch(Patch.absent(), Patch.absent(), Patch.clear(), Patch.set("bo"), Patch.absent()));
        TaskItem after = get(ref);
        assertThat(after.activeForm()).isEmpty();
        assertThat(after.owner()).contains("bo");
        assertThat(after.subject()).isEqualTo("Write");
        assertThat(after.description()).isEqualTo("details");
        assertThat(after.metadataJson()).isEqualTo("{\"p\":1}");
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt().plusSeconds(5));
        assertThat(after.createdAt()).isEqualTo(before.createdAt());
        engine.update(ADA, P, ref, new TaskPatch(Patch.set("Write it"), Patch.clear(), Patch.absent(), Patch.clear(),
                Patch.set("{\"z\":2,\"a\":1}")));
        assertThat(get(ref)).satisfies(i -> {
            assertThat(i.subject()).isEqualTo("Write it");
            assertThat(i.description()).isEmpty();
            assertThat(i.owner()).isEmpty();
            assertThat(i.metadataJson()).isEqualTo("{\"a\":1,\"z\":2}");
        });
        long revision = block("sprint").revision();
        engine.update(ADA, P, ref, TaskPatch.NONE);
        assertThat(block("sprint").revision()).as("an empty patch writes nothing").isEqualTo(revision);
        assertThat(error(() -> engine.update(ADA, P, ref, new TaskPatch(Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent(), Patch.set("[1]"))))).isInstanceOf(TaskError.InvalidJson.class);
    }

    @Test
    void transitionStampsCompletedAtAndLeavingClearsIt() {
        EdgeRef ref = EdgeRef.item("sprint", create("sprint", "ship").getFirst());
        clock.millis.addAndGet(1_000);
        engine.transition(ADA, P, ref, TaskStatus.COMPLETED);
        TaskItem done = get(ref);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.completedAt()).contains(done.updatedAt());
        clock.millis.addAndGet(1_000);
        engine.transition(ADA, P, ref, TaskStatus.COMPLETED);
        assertThat(get(ref).completedAt()).as("completing again keeps the first stamp").isEqualTo(done.completedAt());
        engine.transition(ADA, P, ref, TaskStatus.IN_PROGRESS);
        assertThat(get(ref).completedAt()).isEmpty();
    }

    @Test
    void commentsCarryTheCallerAndNow() {
        EdgeRef ref = EdgeRef.item("sprint", create("sprint", "ship").getFirst());
        engine.comment(TaskEngine.Actor.of(new Author.Agent("bo")), P, ref, "looks good");
        TaskItem i = get(ref);
        assertThat(i.comments()).singleElement().satisfies(c -> {
            assertThat(c.author()).isEqualTo("agent bo");
            assertThat(c.at()).isEqualTo(clock.instant());
            assertThat(c.text()).isEqualTo("looks good");
        });
        assertThat(block("sprint").metadata().lastAuthor()).isEqualTo(new Author.Agent("bo"));
    }

    @Test
    void linkStoresOneEdgeOnTheSourceOnlyAndTheReverseIsFound() {
        EdgeRef a = EdgeRef.item("sprint", create("sprint", "a").getFirst());
        EdgeRef b = EdgeRef.item("review", create("review", "b").getFirst());
        long reviewRevision = block("review").revision();
        engine.link(ADA, P, a, b);
        engine.link(ADA, P, a, b);
        assertThat(get(a).blocks()).containsExactly(b);
        assertThat(get(b).blocks()).isEmpty();
        assertThat(block("review").revision()).as("the target list is not written").isEqualTo(reviewRevision);
        GraphResult reverse = engine.graph(ADA, P, b, new GraphQuery(GraphQuery.Direction.REVERSE, 16, 1000));
        assertThat(reverse.nodes()).containsExactly(b, a);
        assertThat(reverse.edges()).containsExactly(new GraphResult.Edge(a, b));
        assertThat(engine.list(ADA, P, Optional.of("review"), TaskFilter.ALL).getFirst().blockerCount()).isEqualTo(1);
        // self-edges and whole-list targets
        engine.link(ADA, P, a, a);
        engine.link(ADA, P, a, EdgeRef.block("review"));
        assertThat(get(a).blocks()).containsExactly(b, a, EdgeRef.block("review"));
        engine.unlink(ADA, P, a, b);
        engine.unlink(ADA, P, a, b);
        assertThat(get(a).blocks()).containsExactly(a, EdgeRef.block("review"));
    }

    @Test
    void errorsNameWhatIsMissing() {
        EdgeRef a = EdgeRef.item("sprint", create("sprint", "a").getFirst());
        EdgeRef ghost = EdgeRef.item("sprint", TaskId.of(clock.instant(), 9, 9));
        assertThat(error(() -> engine.update(ADA, P, ghost, TaskPatch.NONE))).isEqualTo(new TaskError.TaskNotFound(ghost));
        assertThat(error(() -> engine.update(ADA, P, ghost, TaskPatch.NONE)).message()).isEqualTo("task " + ghost + " not found");
        assertThat(error(() -> engine.transition(ADA, P, EdgeRef.item("nope", ghost.item().orElseThrow()), TaskStatus.BLOCKED)))
                .isEqualTo(new TaskError.BlockNotFound("nope"));
        assertThat(error(() -> engine.link(ADA, P, a, EdgeRef.item("sprint", ghost.item().orElseThrow()))))
                .isEqualTo(new TaskError.TaskNotFound(ghost));
        assertThat(error(() -> engine.link(ADA, P, a, EdgeRef.block("nope")))).isEqualTo(new TaskError.BlockNotFound("nope"));
        assertThat(error(() -> engine.link(ADA, P, EdgeRef.block("sprint"), a)))
                .isEqualTo(new TaskError.MissingItemId(EdgeRef.block("sprint")));
        memory.create(BlockCreate.text(BlockAddress.of(P, "notes"), "", "plain text"));
        assertThat(error(() -> create("notes", "x"))).isEqualTo(new TaskError.NotATaskList("notes"));
        assertThat(error(() -> engine.list(ADA, P, Optional.of("notes"), TaskFilter.ALL))).isEqualTo(new TaskError.NotATaskList("notes"));
        assertThat(engine.settings(ADA, P, "notes")).isEmpty();
        assertThat(error(() -> engine.graph(ADA, P, ghost, GraphQuery.DEFAULT))).isEqualTo(new TaskError.TaskNotFound(ghost));
    }

    @Test
    void listFiltersAllVisibleListsAndConflictingScope() {
        create("a", "alpha pelican", "beta");
        create("b", "gamma pelican");
        engine.transition(ADA, P, engine.list(ADA, P, Optional.of("a"), TaskFilter.ALL).get(1).ref(), TaskStatus.IN_PROGRESS);
        assertThat(engine.list(ADA, P, Optional.empty(), TaskFilter.ALL)).extracting(TaskView::subject)
                .containsExactly("alpha pelican", "beta", "gamma pelican");
        TaskFilter pelican = new TaskFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.of("pelican"), Optional.empty());
        assertThat(engine.list(ADA, P, Optional.empty(), pelican)).extracting(TaskView::subject)
                .containsExactly("alpha pelican", "gamma pelican");
        TaskFilter inProgress = new TaskFilter(Set.of(TaskStatus.IN_PROGRESS, TaskStatus.BLOCKED), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(engine.list(ADA, P, Optional.empty(), inProgress)).extracting(TaskView::subject).containsExactly("beta");
        TaskFilter onlyB = new TaskFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of("b")));
        assertThat(engine.list(ADA, P, Optional.empty(), onlyB)).extracting(TaskView::subject).containsExactly("gamma pelican");
        assertThat(engine.list(ADA, P, Optional.of("b"), onlyB)).hasSize(1);
        TaskFilter none = new TaskFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of()));
        assertThat(engine.list(ADA, P, Optional.empty(), none)).isEmpty();
        assertThat(error(() -> engine.list(ADA, P, Optional.of("a"), onlyB))).isEqualTo(new TaskError.ConflictingBlockScope("a"));
        TaskFilter bad = new TaskFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.of("pelican AND"), Optional.empty());
        assertThat(error(() -> engine.list(ADA, P, Optional.empty(), bad))).isInstanceOfSatisfying(TaskError.Memory.class,
                m -> assertThat(m.error()).isInstanceOf(MemoryError.QueryError.class));
    }

    @Test
    void aCoreOnlyViewHidesThePersonasWorkingTaskLists() {
        Scope.Global persona = new Scope.Global("ada");
        engine.create(ADA, persona, "private-plans", Optional.empty(), List.of(TaskSpec.of("secret")));
        memory.create(new BlockCreate(BlockAddress.of(persona, "core-plans"), Tier.CORE, Schema.TASK_LIST, "", 5000,
                Permission.DEFAULT, false, "{\"items\":[{\"subject\":\"shown\"}]}"));
        TaskEngine.Actor inProject = ADA.in(new ScopeBinding(persona, Optional.of(new Scope.Local("proj")),
                IsolationPolicy.CORE_ONLY));
        assertThat(engine.list(inProject, persona, Optional.empty(), TaskFilter.ALL)).extracting(TaskView::subject)
                .containsExactly("shown");
        assertThat(error(() -> engine.list(inProject, persona, Optional.of("private-plans"), TaskFilter.ALL)))
                .isEqualTo(new TaskError.BlockNotFound("private-plans"));
        assertThat(engine.read(inProject, persona, "private-plans")).isEmpty();
        assertThat(error(() -> engine.create(inProject, persona, "core-plans", Optional.empty(), List.of(TaskSpec.of("x")))))
                .isInstanceOfSatisfying(TaskError.Memory.class, m -> assertThat(m.error()).isInstanceOf(MemoryError.IsolationDenied.class));
        TaskEngine.Actor none = ADA.in(new ScopeBinding(persona, Optional.of(new Scope.Local("proj")), IsolationPolicy.NONE));
        assertThat(engine.list(none, persona, Optional.empty(), TaskFilter.ALL)).hasSize(2);
    }

    @Test
    void aWriteFromElsewhereInBetweenIsRetriedOnTheFreshContent() {
        TaskId first = create("sprint", "first").getFirst();
        MemoryService other = stack.memoryFor("org.example.other");
        AtomicBoolean interfered = new AtomicBoolean();
        // the engine's memory sees another writer add an item right before its first write
        MemoryService racing = (MemoryService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MemoryService.class}, (p, m, a) -> {
                    if (m.getName().equals("apply") && !interfered.getAndSet(true)) {
                        BlockAddress address = (BlockAddress) a[0];
                        TaskList now = TaskListJson.parse(other.read(address).orElseThrow().content());
                        String added = TaskListJson.format(now).replace("\"items\":[", "\"items\":[{\"subject\":\"theirs\"},");
                        other.apply(address, new MemoryOp.Set(added));
                    }
                    Object target = m.getName().equals("actingFor") ? null : memory;
                    if (target == null) {
                        return p;
                    }
                    try {
                        return m.invoke(target, a);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        TaskEngine racy = new TaskEngine(racing, db, ids, 1_000_000, 16);
        racy.transition(ADA, P, EdgeRef.item("sprint", first), TaskStatus.COMPLETED);
        TaskList list = engine.read(ADA, P, "sprint").orElseThrow();
        assertThat(list.items()).extracting(TaskItem::subject).containsExactly("theirs", "first");
        assertThat(list.item(first).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void concurrentChangesToDifferentTasksOfOneListAllApply() throws Exception {
        List<TaskId> made = create("sprint", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7");
        List<Thread> threads = made.stream().map(id -> Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 5; i++) {
                engine.comment(ADA, P, EdgeRef.item("sprint", id), "note " + i);
            }
            engine.transition(ADA, P, EdgeRef.item("sprint", id), TaskStatus.COMPLETED);
        })).toList();
        for (Thread t : threads) {
            t.join();
        }
        TaskList list = engine.read(ADA, P, "sprint").orElseThrow();
        assertThat(list.items()).allSatisfy(i -> {
            assertThat(i.comments()).hasSize(5);
            assertThat(i.status()).isEqualTo(TaskStatus.COMPLETED);
        });
        assertThat(engine.list(ADA, P, Optional.of("sprint"), new TaskFilter(Set.of(TaskStatus.COMPLETED), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()))).hasSize(8);
    }

    @Test
    void aPlainMemoryWriteOfATaskListIsCheckedIndexedAndRendered() {
        MemoryService plain = stack.memoryFor("org.example.plain");
        BlockAddress a = BlockAddress.of(P, "handmade");
        plain.create(new BlockCreate(a, Tier.WORKING, Schema.TASK_LIST, "", 5000, Permission.DEFAULT, false,
                "{\"items\":[{\"subject\":\"typed by hand\",\"status\":\"in-progress\",\"active_form\":\"typing\"}]}"));
        TaskList list = engine.read(ADA, P, "handmade").orElseThrow();
        assertThat(list.items()).singleElement().satisfies(i -> assertThat(i.subject()).isEqualTo("typed by hand"));
        assertThat(engine.list(ADA, P, Optional.of("handmade"), TaskFilter.ALL)).hasSize(1);
        assertThat(stack.render(plain.read(a).orElseThrow())).contains("- [in-progress] typed by hand (handmade#",
                "): typing");
        assertThatThrownBy(() -> plain.apply(a, new MemoryOp.Set("{\"items\":[{\"subject\":\"x\",\"status\":\"done\"}]}")))
                .hasMessageContaining("line 1, column 35 (items[0].status): unknown task status 'done'");
        List<SearchHit> hits = plain.search(new SearchQuery("typed", EnumSet.allOf(ContentType.class), List.of(P), 10));
        assertThat(hits).extracting(SearchHit::kind, SearchHit::ref)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ContentType.TASK,
                        "handmade#" + list.items().getFirst().id()));
    }
}
