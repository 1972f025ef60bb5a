package dev.trellis.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphQuery;
import dev.trellis.api.tasks.GraphQuery.Direction;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.GraphResult.Edge;
import dev.trellis.api.tasks.Patch;
import dev.trellis.api.tasks.TaskError;
import dev.trellis.api.tasks.TaskException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * {@code TaskService} on the live host (task-skill AC4, AC5, and AC1 for the stored JSON form): every call goes
 * through the bundle-scoped service of this test bundle, so changes are authored {@code plugin dev.trellis.itest};
 * the lists are real memory blocks in the itest store.
 */
@ExtendWith({ServiceExtension.class, SurefireSummary.class})
class TaskServiceLiveTest {

    static final Author ITEST = new Author.Plugin(PluginId.of("dev.trellis.itest"));

    @InjectService(timeout = 20_000)
    TaskService tasks;

    @InjectService(timeout = 10_000)
    MemoryService mem;

    Scope scope;

    @BeforeEach
    void freshScope() {
        scope = Scope.local(MemoryFixtures.unique("tasks"));
    }

    static TaskError errorOf(ThrowingCallable call) {
        TaskException e = org.assertj.core.api.Assertions.catchThrowableOfType(TaskException.class, call);
        assertThat(e).as("a TaskException").isNotNull();
        return e.error();
    }

    List<EdgeRef> create(String list, String... subjects) {
        return tasks.create(scope, list, Optional.empty(), java.util.Arrays.stream(subjects).map(TaskSpec::of).toList())
                .stream().map(id -> EdgeRef.item(list, id)).toList();
    }

    TaskItem get(EdgeRef ref) {
        return tasks.get(scope, ref).orElseThrow();
    }

    Block block(String list) {
        return mem.read(BlockAddress.of(scope, list)).orElseThrow();
    }

    @Test
    void createdTasksAreVisibleInListAndTheBlockHoldsTheJsonForm() {
        List<EdgeRef> refs = create("sprint", "Write the spec", "Review the spec", "Ship");
        assertThat(tasks.list(scope, Optional.of("sprint"), TaskFilter.ALL)).extracting(TaskView::ref)
                .containsExactlyElementsOf(refs);
        Block b = block("sprint");
        assertThat(b.metadata().schema()).isEqualTo(Schema.TASK_LIST);
        assertThat(b.metadata().lastAuthor()).isEqualTo(ITEST);
        assertThat(b.content()).startsWith("{\"default_status\":\"pending\",\"display_limit\":20,\"items\":[{\"id\":\""
                + refs.getFirst().item().orElseThrow() + "\",\"subject\":\"Write the spec\",\"status\":\"pending\"");
        TaskList read = tasks.read(scope, "sprint").orElseThrow();
        assertThat(read.items()).extracting(TaskItem::subject).containsExactly("Write the spec", "Review the spec", "Ship");
    }

    @Test
    void updatePatchesOnlyTheGivenFieldsAndRefreshesUpdatedAt() {
        EdgeRef ref = tasks.create(scope, "sprint", Optional.empty(), List.of(new TaskSpec("Write", "all of it",
                Optional.of("writing"), Optional.empty(), Optional.of("ada"), "{\"size\":3}"))).stream()
                .map(id -> EdgeRef.item("sprint", id)).findFirst().orElseThrow();
        TaskItem before = get(ref);
        tasks.update(scope, ref, new TaskPatch(Patch.absent(), Patch.absent(), Patch.clear(), Patch.set("bo"), Patch.absent()));
        TaskItem after = get(ref);
        assertThat(after.activeForm()).isEmpty();
        assertThat(after.owner()).contains("bo");
        assertThat(after.subject()).isEqualTo("Write");
        assertThat(after.description()).isEqualTo("all of it");
        assertThat(after.metadataJson()).isEqualTo("{\"size\":3}");
        assertThat(after.createdAt()).isEqualTo(before.createdAt());
        assertThat(after.updatedAt()).isAfter(before.updatedAt());
    }

    @Test
    void transitionStampsCompletedAtAndCommentsCarryTheCaller() {
        EdgeRef ref = create("sprint", "Ship").getFirst();
        tasks.transition(scope, ref, TaskStatus.COMPLETED);
        TaskItem done = get(ref);
        assertThat(done.completedAt()).contains(done.updatedAt());
        tasks.transition(scope, ref, TaskStatus.IN_PROGRESS);
        assertThat(get(ref).completedAt()).isEmpty();
        Instant before = Instant.now().minusMillis(1);
        tasks.comment(scope, ref, "halfway there");
        assertThat(get(ref).comments()).singleElement().satisfies(c -> {
            assertThat(c.author()).isEqualTo(ITEST.render());
            assertThat(c.at()).isAfter(before).isBefore(Instant.now().plusMillis(1));
            assertThat(c.text()).isEqualTo("halfway there");
        });
    }

    @Test
    void linkStoresOneEdgeOnTheSourceTouchesOnlyItAndTheReverseIsFound() {
        EdgeRef a = create("sprint", "a").getFirst();
        EdgeRef b = create("review", "b").getFirst();
        long reviewRevision = block("review").revision();
        long sprintRevision = block("sprint").revision();
        tasks.link(scope, a, b);
        tasks.link(scope, a, b);
        assertThat(block("sprint").revision()).as("one write, the second link is a no-op").isEqualTo(sprintRevision + 1);
        assertThat(block("review").revision()).isEqualTo(reviewRevision);
        assertThat(get(a).blocks()).containsExactly(b);
        assertThat(get(b).blocks()).isEmpty();
        GraphResult reverse = tasks.graph(scope, b, new GraphQuery(Direction.REVERSE, 16, 1000));
        assertThat(reverse.nodes()).containsExactly(b, a);
        assertThat(reverse.edges()).containsExactly(new Edge(a, b));
        tasks.link(scope, a, a);
        assertThat(get(a).blocks()).containsExactly(b, a);
        tasks.unlink(scope, a, b);
        tasks.unlink(scope, a, b);
        assertThat(get(a).blocks()).containsExactly(a);
        assertThat(tasks.list(scope, Optional.of("review"), TaskFilter.ALL).getFirst().blockerCount()).isZero();
    }

    @Test
    void aMissingTaskIsTaskNotFoundNamingTheRef() {
        EdgeRef a = create("sprint", "a").getFirst();
        EdgeRef ghost = EdgeRef.item("sprint", new TaskId(a.item().orElseThrow().value() + 1_000_000));
        TaskError e = errorOf(() -> tasks.update(scope, ghost, TaskPatch.NONE));
        assertThat(e).isEqualTo(new TaskError.TaskNotFound(ghost));
        assertThat(e.message()).isEqualTo("task " + ghost + " not found");
        assertThat(errorOf(() -> tasks.comment(scope, EdgeRef.item("nope", ghost.item().orElseThrow()), "x")))
                .isEqualTo(new TaskError.BlockNotFound("nope"));
        assertThat(errorOf(() -> tasks.link(scope, a, ghost))).isEqualTo(new TaskError.TaskNotFound(ghost));
    }

    @Test
    void listOneOrAllWithEveryFilter() {
        String word = MemoryFixtures.uniqueWord("heron");
        List<EdgeRef> a = create("a", "watch the " + word, "feed the ducks");
        List<EdgeRef> b = create("b", "count every " + word);
        tasks.configure(scope, "c", Optional.empty(), new TaskListSettings(Optional.of("bo"), TaskStatus.BLOCKED, 5));
        List<EdgeRef> c = create("c", "fix the fence");
        tasks.link(scope, a.get(0), b.get(0));
        tasks.transition(scope, a.get(1), TaskStatus.COMPLETED);
        tasks.comment(scope, c.get(0), "bring the " + word + " too");
        assertThat(tasks.list(scope, Optional.empty(), TaskFilter.ALL)).hasSize(4);
        assertThat(tasks.list(scope, Optional.of("a"), TaskFilter.ALL)).hasSize(2);
        assertThat(tasks.list(scope, Optional.empty(), filter(Set.of(TaskStatus.COMPLETED, TaskStatus.BLOCKED), null, null, null)))
                .extracting(TaskView::ref).containsExactly(a.get(1), c.get(0));
        assertThat(tasks.list(scope, Optional.empty(), filter(Set.of(), "bo", null, null))).extracting(TaskView::ref)
                .containsExactly(c.get(0));
        assertThat(tasks.list(scope, Optional.empty(), filter(Set.of(), null, true, null))).extracting(TaskView::ref)
                .containsExactly(b.get(0));
        assertThat(tasks.list(scope, Optional.empty(), filter(Set.of(), null, false, null))).hasSize(3);
        assertThat(tasks.list(scope, Optional.empty(), filter(Set.of(), null, null, word))).extracting(TaskView::ref)
                .containsExactly(a.get(0), b.get(0), c.get(0));
        TaskFilter onlyB = new TaskFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of("b")));
        assertThat(errorOf(() -> tasks.list(scope, Optional.of("a"), onlyB))).isEqualTo(new TaskError.ConflictingBlockScope("a"));
        assertThat(tasks.list(scope, Optional.empty(), onlyB)).extracting(TaskView::ref).containsExactly(b.get(0));
        TaskView linked = tasks.list(scope, Optional.of("a"), TaskFilter.ALL).getFirst();
        assertThat(linked.blocksCount()).isEqualTo(1);
        assertThat(errorOf(() -> tasks.list(scope, Optional.empty(), filter(Set.of(), null, null, word + " AND"))))
                .isInstanceOfSatisfying(TaskError.Memory.class, m -> assertThat(m.error()).isInstanceOf(MemoryError.QueryError.class));
    }

    static TaskFilter filter(Set<TaskStatus> statuses, String owner, Boolean hasBlockers, String keyword) {
        return new TaskFilter(statuses, Optional.ofNullable(owner), Optional.ofNullable(hasBlockers), Optional.ofNullable(keyword),
                Optional.empty());
    }

    @Test
    void graphDirectionsDepthCyclesAndTheCap() {
        List<EdgeRef> t = create("g", "t0", "t1", "t2", "t3");
        tasks.link(scope, t.get(0), t.get(1));
        tasks.link(scope, t.get(1), t.get(2));
        tasks.link(scope, t.get(2), t.get(0)); // a cycle
        tasks.link(scope, t.get(3), t.get(1));
        GraphResult forward = tasks.graph(scope, t.get(0), GraphQuery.DEFAULT);
        assertThat(forward.nodes()).containsExactly(t.get(0), t.get(1), t.get(2));
        assertThat(forward.edges()).containsExactlyInAnyOrder(new Edge(t.get(0), t.get(1)), new Edge(t.get(1), t.get(2)),
                new Edge(t.get(2), t.get(0)));
        assertThat(forward.truncated()).isFalse();
        GraphResult reverse = tasks.graph(scope, t.get(1), new GraphQuery(Direction.REVERSE, 1, 1000));
        assertThat(reverse.nodes()).containsExactlyInAnyOrder(t.get(1), t.get(0), t.get(3));
        GraphResult both = tasks.graph(scope, t.get(3), new GraphQuery(Direction.BOTH, 16, 1000));
        assertThat(both.nodes()).containsExactlyInAnyOrderElementsOf(t);
        Set<EdgeRef> nodes = new HashSet<>(both.nodes());
        assertThat(both.edges()).allSatisfy(e -> assertThat(nodes).contains(e.source(), e.target()));
        assertThat(tasks.graph(scope, t.get(0), new GraphQuery(Direction.BOTH, 0, 1000)).nodes()).containsExactly(t.get(0));
        GraphResult capped = tasks.graph(scope, t.get(3), new GraphQuery(Direction.BOTH, 16, 2));
        assertThat(capped.nodes()).hasSize(2);
        assertThat(capped.truncated()).isTrue();
        GraphResult ofList = tasks.graph(scope, EdgeRef.block("g"), new GraphQuery(Direction.FORWARD, 1, 1000));
        assertThat(ofList.nodes()).containsExactly(EdgeRef.block("g"), t.get(0), t.get(1), t.get(2), t.get(3));
    }

    @Test
    void tenThousandTasksGiveAtMostAThousandNodesAndTruncated() {
        // 10,000 tasks in 10 lists, each blocking the next two: a walk from the first reaches all but the cap stops it
        List<List<EdgeRef>> lists = new ArrayList<>();
        for (int l = 0; l < 10; l++) {
            String[] subjects = IntStream.range(0, 1000).mapToObj(i -> "task " + i).toArray(String[]::new);
            lists.add(create("big" + l, subjects));
        }
        List<EdgeRef> all = lists.stream().flatMap(List::stream).toList();
        // link through one plain memory write per list (the documented JSON form) instead of 20,000 link calls
        for (int l = 0; l < 10; l++) {
            StringBuilder json = new StringBuilder("{\"items\":[");
            for (int i = 0; i < 1000; i++) {
                int at = l * 1000 + i;
                json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(all.get(at).item().orElseThrow())
                        .append("\",\"subject\":\"task ").append(i).append("\",\"blocks\":[");
                json.append(String.join(",", IntStream.of(at + 1, at + 2).filter(n -> n < all.size())
                        .mapToObj(n -> "\"" + all.get(n) + "\"").toList()));
                json.append("]}");
            }
            mem.apply(BlockAddress.of(scope, "big" + l), new MemoryOp.Set(json.append("]}").toString()));
        }
        GraphResult r = tasks.graph(scope, all.getFirst(), new GraphQuery(Direction.FORWARD, 10_000, 1000));
        assertThat(r.nodes()).hasSize(1000).startsWith(all.getFirst());
        assertThat(r.truncated()).isTrue();
        Set<EdgeRef> nodes = new HashSet<>(r.nodes());
        assertThat(r.edges()).allSatisfy(e -> assertThat(nodes).contains(e.source(), e.target()));
        GraphResult deep = tasks.graph(scope, all.getFirst(), GraphQuery.DEFAULT);
        assertThat(deep.nodes()).hasSize(33); // depth 16 with two edges per task: ids 0..32
        assertThat(deep.truncated()).isFalse();
    }

    @Test
    void concurrentCreatorsNeverGetTheSameId() throws Exception {
        int threads = 4;
        Set<TaskId> ids = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String list = "c" + (t % 2);
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 25; i++) {
                        ids.addAll(tasks.create(scope, list, Optional.empty(), List.of(TaskSpec.of("x"), TaskSpec.of("y"))));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertThat(ids).hasSize(threads * 25 * 2);
        assertThat(tasks.list(scope, Optional.empty(), TaskFilter.ALL)).hasSize(threads * 25 * 2);
    }

    @Test
    void aPlainMemoryWriteOfBadJsonIsALocatedErrorAndChangesNothing() {
        create("sprint", "a");
        long revision = block("sprint").revision();
        BlockAddress sprint = BlockAddress.of(scope, "sprint");
        assertThatThrownBy(() -> mem.apply(sprint, new MemoryOp.Set("{\"items\":[{\"subject\":\"x\",\"blocks\":[\"h#\"]}]}")))
                .isInstanceOfSatisfying(MemoryException.class, e -> assertThat(e.error()).isEqualTo(new MemoryError.InvalidOperation(
                        sprint, "line 1, column 36 (items[0].blocks[0]): edge ref 'h#': empty item id at index 2")));
        assertThat(block("sprint").revision()).isEqualTo(revision);
        // a list written by hand gets ids and the index follows
        mem.create(new BlockCreate(BlockAddress.of(scope, "hand"), Tier.WORKING, Schema.TASK_LIST, "", 5000, Permission.DEFAULT,
                false, "{\"items\":[{\"subject\":\"typed\"}]}"));
        assertThat(tasks.list(scope, Optional.of("hand"), TaskFilter.ALL)).singleElement()
                .satisfies(v -> assertThat(v.subject()).isEqualTo("typed"));
    }
}
