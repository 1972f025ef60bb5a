package dev.trellis.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.schema.SchemaOwner;
import dev.trellis.api.memory.sync.MemorySync;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.Subscription;
import dev.trellis.api.memory.sync.SyncEvent;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.store.IndexedList;
import dev.trellis.api.store.StoreService;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.TaskError;
import dev.trellis.api.tasks.TaskException;
import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskService;
import dev.trellis.api.tasks.TaskSpec;
import dev.trellis.api.tasks.TaskStatus;
import dev.trellis.api.tasks.TaskView;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The tasks bundle in the host: its tools author changes as the calling agent and those changes reach
 * memory-sync like any block write; the task index is written in the block's own transaction (a failure rolls
 * both back); stopping the bundle refuses task-list writes and its start rebuilds the index idempotently;
 * one search ranks text and task hits together; CoreOnly hides persona task lists.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class TaskHostLiveTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String PROBE = "dev.trellis.itest.tasks.probe";

    @InjectBundleContext
    BundleContext ctx;

    @InjectService(timeout = 20_000)
    TaskService tasks;

    @InjectService(timeout = 10_000)
    MemoryService mem;

    @InjectService(timeout = 10_000)
    StoreService store;

    Scope scope;
    Bundle probe;

    @BeforeEach
    void setUp() throws Exception {
        scope = Scope.local(MemoryFixtures.unique("taskhost"));
        probe = MemoryFixtures.installProbe(ctx, PROBE);
    }

    @AfterEach
    void tearDown() throws Exception {
        probe.uninstall();
        Bundle t = tasksBundle();
        if (t.getState() != Bundle.ACTIVE) {
            t.start();
        }
    }

    Bundle tasksBundle() {
        return Arrays.stream(ctx.getBundles()).filter(b -> b.getSymbolicName().equals("dev.trellis.tasks")).findFirst()
                .orElseThrow(() -> new AssertionError("dev.trellis.tasks is not installed"));
    }

    Tool tool(String name) throws Exception {
        var refs = ctx.getServiceReferences(Tool.class, "(" + Tool.NAME + "=" + name + ")");
        assertThat(refs).as("tool %s", name).hasSize(1);
        return ctx.getService(refs.iterator().next());
    }

    ToolResult call(String tool, String agent, String args) throws Exception {
        return tool(tool).invoke(new ToolCall("call-1", agent, args));
    }

    @Test
    void theEightToolsAreRegisteredAndAuthorAsTheAgent() throws Exception {
        for (String name : List.of("task_create", "task_update", "task_transition", "task_comment", "task_link",
                "task_unlink", "task_list", "task_graph")) {
            assertThat(tool(name).descriptor().name()).isEqualTo(name);
        }
        ToolResult created = call("task_create", "ada", "{\"scope\":\"" + scope.key() + "\",\"list\":\"sprint\","
                + "\"items\":[{\"subject\":\"Write the spec\"}]}");
        assertThat(created.error()).as(created.content()).isFalse();
        String ref = created.content().replaceAll(".*\"(sprint#[0-9a-z]{13})\".*", "$1");
        assertThat(call("task_comment", "bo", "{\"scope\":\"" + scope.key() + "\",\"task\":\"" + ref + "\",\"text\":\"ok\"}")
                .content()).contains("\"author\":\"agent bo\"");
        Block b = mem.read(BlockAddress.of(scope, "sprint")).orElseThrow();
        assertThat(b.metadata().lastAuthor()).isEqualTo(new Author.Agent("bo"));
        assertThat(mem.history(b.address(), 2)).extracting(h -> h.author())
                .containsExactly(new Author.Agent("bo"), new Author.Agent("ada"));
        ToolResult bad = call("task_transition", "ada", "{\"scope\":\"" + scope.key() + "\",\"task\":\"" + ref + "\",\"status\":\"done\"}");
        assertThat(bad.error()).isTrue();
        assertThat(bad.content()).isEqualTo("task_transition: argument 'status': unknown task status 'done' (expected pending,"
                + " in-progress, blocked, completed or cancelled)");
    }

    @Test
    void memorySyncSeesTaskChangesWithTheRightAuthor() throws Exception {
        List<SyncEvent> events = new CopyOnWriteArrayList<>();
        Subscription sub = MemoryFixtures.serviceOf(probe, MemorySync.class).subscribe(
                new SyncFilter.ByPattern(Optional.of(scope), "", Optional.of(Schema.TASK_LIST)), events::add);
        try {
            await().atMost(WAIT).until(() -> events.stream().anyMatch(SyncEvent.Ready.class::isInstance));
            ToolResult created = call("task_create", "ada", "{\"scope\":\"" + scope.key() + "\",\"list\":\"sprint\","
                    + "\"items\":[{\"subject\":\"Ship\"}]}");
            String ref = created.content().replaceAll(".*\"(sprint#[0-9a-z]{13})\".*", "$1");
            tasks.transition(scope, EdgeRef.parse(ref), TaskStatus.COMPLETED);
            await().atMost(WAIT).until(() -> events.stream().anyMatch(SyncEvent.Delta.class::isInstance));
            Origin fromTasks = new Origin.Plugin(PluginId.of("dev.trellis.tasks"), 0);
            SyncEvent.BlockAvailable available = (SyncEvent.BlockAvailable) events.stream()
                    .filter(SyncEvent.BlockAvailable.class::isInstance).findFirst().orElseThrow();
            assertThat(available.origin()).isEqualTo(fromTasks);
            assertThat(available.block().metadata().lastAuthor()).isEqualTo(new Author.Agent("ada"));
            SyncEvent.Delta delta = (SyncEvent.Delta) events.stream().filter(SyncEvent.Delta.class::isInstance).findFirst()
                    .orElseThrow();
            assertThat(delta.origin()).isEqualTo(fromTasks);
            assertThat(delta.op()).isInstanceOfSatisfying(MemoryOp.Set.class, set ->
                    assertThat(set.content()).contains("\"status\":\"completed\"", "\"completed_at\":"));
            Block now = mem.read(delta.address()).orElseThrow();
            assertThat(now.contentHash()).isEqualTo(delta.contentHash());
            assertThat(now.metadata().lastAuthor()).isEqualTo(new Author.Plugin(PluginId.of("dev.trellis.itest")));
            assertThat(mem.history(now.address(), 1).getFirst().revision()).isEqualTo(delta.revision());
        } finally {
            sub.close();
        }
    }

    List<TaskView> indexed(String list) {
        return store.read((StoreTransaction tx) -> tx.tasks().list(scope, List.of(list), TaskFilter.ALL));
    }

    @Test
    void aFailureInTheIndexUpdateRollsBackBlockAndIndex(
            @InjectService(filter = "(" + SchemaOwner.SCHEMA + "=task-list)", timeout = 10_000) SchemaOwner real) {
        EdgeRef ref = EdgeRef.item("sprint", tasks.create(scope, "sprint", Optional.empty(), List.of(TaskSpec.of("a"))).getFirst());
        long revision = mem.read(BlockAddress.of(scope, "sprint")).orElseThrow().revision();
        // an owner that outranks the real one: it does the real index update, then fails, mid-write
        SchemaOwner failing = new SchemaOwner() {
            @Override
            public Schema schema() {
                return Schema.TASK_LIST;
            }

            @Override
            public String normalize(BlockAddress address, String content) {
                return real.normalize(address, content);
            }

            @Override
            public void written(StoreTransaction tx, Block block) {
                real.written(tx, block);
                throw new IllegalStateException("index update failed after the rows were written");
            }

            @Override
            public void removed(StoreTransaction tx, BlockAddress address) {
                real.removed(tx, address);
            }

            @Override
            public String render(Block block) {
                return real.render(block);
            }
        };
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(SchemaOwner.SCHEMA, "task-list");
        props.put(Constants.SERVICE_RANKING, 1000);
        ServiceRegistration<SchemaOwner> reg = ctx.registerService(SchemaOwner.class, failing, props);
        try {
            assertThatThrownBy(() -> tasks.transition(scope, ref, TaskStatus.COMPLETED))
                    .hasMessageContaining("index update failed after the rows were written");
        } finally {
            reg.unregister();
        }
        assertThat(mem.read(BlockAddress.of(scope, "sprint")).orElseThrow().revision()).isEqualTo(revision);
        assertThat(indexed("sprint")).singleElement().satisfies(v -> assertThat(v.status()).isEqualTo(TaskStatus.PENDING));
        assertThat(store.read((StoreTransaction tx) -> tx.tasks().indexedLists())).contains(
                new IndexedList(BlockAddress.of(scope, "sprint"), revision, 1));
        // and with the real owner back in charge the change goes through
        tasks.transition(scope, ref, TaskStatus.COMPLETED);
        assertThat(indexed("sprint")).singleElement().satisfies(v -> assertThat(v.status()).isEqualTo(TaskStatus.COMPLETED));
    }

    @Test
    void whileTheTasksBundleIsStoppedTaskListWritesAreRefusedAndItsStartRebuildsTheIndex(
            @InjectService(cardinality = 0) ServiceAware<TaskService> taskServices) throws Exception {
        tasks.create(scope, "kept", Optional.empty(), List.of(TaskSpec.of("one"), TaskSpec.of("two")));
        BlockAddress kept = BlockAddress.of(scope, "kept");
        // damage the index behind the owner's back, as a restored backup or an old version could
        store.inTransaction((StoreTransaction tx) -> tx.tasks().remove(kept));
        assertThat(indexed("kept")).isEmpty();

        Bundle bundle = tasksBundle();
        bundle.stop();
        await().atMost(WAIT).until(taskServices::isEmpty);
        assertThatThrownBy(() -> mem.apply(kept, new MemoryOp.Set("{\"items\":[]}")))
                .isInstanceOfSatisfying(MemoryException.class, e -> {
                    assertThat(e.error()).isInstanceOf(MemoryError.StoreUnavailable.class);
                    assertThat(e.getMessage()).contains("dev.trellis.tasks", "not running", "nothing was written");
                });
        assertThat(mem.read(kept).orElseThrow().content()).contains("\"subject\":\"one\"");
        // other blocks are written as usual
        mem.create(BlockCreate.text(BlockAddress.of(scope, "notes"), "", "still fine"));

        bundle.start();
        assertThat(taskServices.waitForService(WAIT.toMillis())).isNotNull();
        await("index rebuilt from the block").atMost(WAIT).until(() -> indexed("kept").size() == 2);
        List<IndexedList> once = store.read((StoreTransaction tx) -> tx.tasks().indexedLists());
        List<TaskView> rows = indexed("kept");

        // a second start finds nothing to do: same lists, same revisions, same rows
        bundle.stop();
        bundle.start();
        assertThat(taskServices.waitForService(WAIT.toMillis())).isNotNull();
        TaskService fresh = taskServices.getService();
        await().atMost(WAIT).until(() -> fresh.list(scope, Optional.of("kept"), TaskFilter.ALL).size() == 2);
        assertThat(store.read((StoreTransaction tx) -> tx.tasks().indexedLists())).containsAll(once.stream()
                .filter(l -> l.address().scope().equals(scope)).toList());
        assertThat(indexed("kept")).isEqualTo(rows);
        mem.apply(kept, new MemoryOp.Set("{\"items\":[{\"subject\":\"three\"}]}"));
        assertThat(indexed("kept")).extracting(TaskView::subject).containsExactly("three");
    }

    @Test
    void oneSearchRanksTextAndTaskHitsTogether() {
        String word = MemoryFixtures.uniqueWord("kestrel");
        mem.create(BlockCreate.text(BlockAddress.of(scope, "field-notes"), "", "a " + word + " hovered; " + word + " again, "
                + word));
        mem.create(BlockCreate.text(BlockAddress.of(scope, "aside"), "", "once a " + word + " among many other words in a long"
                + " sentence about the weather and the hills and the river"));
        tasks.create(scope, "birding", Optional.empty(), List.of(TaskSpec.of("Photograph the " + word + " " + word),
                TaskSpec.of("Clean the lens")));
        List<SearchHit> hits = mem.search(new SearchQuery(word, EnumSet.allOf(ContentType.class), List.of(scope), 10));
        assertThat(hits).extracting(SearchHit::kind).containsExactlyInAnyOrder(ContentType.BLOCK, ContentType.BLOCK,
                ContentType.TASK);
        assertThat(hits).filteredOn(h -> h.kind() == ContentType.TASK).singleElement()
                .satisfies(h -> assertThat(h.ref()).startsWith("birding#"));
        assertThat(hits.getFirst().score()).isEqualTo(1.0);
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
        }
        // bm25 statistics are per full-text table (block chunks vs task items), and this framework's store is shared
        // with every other test, so only the order within one table is a stable fact: the dense short note ranks
        // above the long sentence with a single match.
        List<String> refs = hits.stream().map(SearchHit::ref).toList();
        assertThat(refs.indexOf("field-notes")).as("dense note above the long sentence").isLessThan(refs.indexOf("aside"));
        assertThat(mem.search(new SearchQuery(word, EnumSet.of(ContentType.TASK), List.of(scope), 10))).hasSize(1);
        assertThat(mem.search(new SearchQuery(word, EnumSet.allOf(ContentType.class), List.of(scope), 1))).hasSize(1);
    }

    @Test
    void coreOnlyHidesPersonaTaskListsAndListsAllVisibleOnes() {
        Scope.Global persona = new Scope.Global("@" + MemoryFixtures.unique("tp"));
        Scope.Local project = new Scope.Local(MemoryFixtures.unique("tproj"));
        tasks.create(persona, "private", Optional.empty(), List.of(TaskSpec.of("persona working task")));
        mem.create(new BlockCreate(BlockAddress.of(persona, "pinned-goals"), Tier.CORE, Schema.TASK_LIST, "", 5000,
                Permission.DEFAULT, false, "{\"items\":[{\"subject\":\"persona core task\"}]}"));
        tasks.create(project, "sprint", Optional.empty(), List.of(TaskSpec.of("project task")));
        TaskService coreOnly = tasks.view(new ScopeBinding(persona, Optional.of(project), IsolationPolicy.CORE_ONLY));
        assertThat(coreOnly.list(persona, Optional.empty(), TaskFilter.ALL)).extracting(TaskView::subject)
                .containsExactly("persona core task");
        assertThat(coreOnly.list(project, Optional.empty(), TaskFilter.ALL)).extracting(TaskView::subject)
                .containsExactly("project task");
        assertThat(coreOnly.read(persona, "private")).isEmpty();
        TaskException denied = (TaskException) org.assertj.core.api.Assertions.catchThrowable(
                () -> coreOnly.create(persona, "pinned-goals", Optional.empty(), List.of(TaskSpec.of("x"))));
        assertThat(denied.error()).isInstanceOfSatisfying(TaskError.Memory.class,
                m -> assertThat(m.error()).isInstanceOf(MemoryError.IsolationDenied.class));
        TaskService full = tasks.view(new ScopeBinding(persona, Optional.of(project), IsolationPolicy.FULL));
        assertThat(full.list(persona, Optional.empty(), TaskFilter.ALL)).isEmpty();
        TaskService none = tasks.view(new ScopeBinding(persona, Optional.of(project), IsolationPolicy.NONE));
        assertThat(none.list(persona, Optional.empty(), TaskFilter.ALL)).hasSize(2);
    }
}
