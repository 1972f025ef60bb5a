package dev.trellis.store.sqlite.internal;

import static dev.trellis.store.sqlite.internal.Fixtures.PERSONA;
import static dev.trellis.store.sqlite.internal.Fixtures.PROJECT;
import static dev.trellis.store.sqlite.internal.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.store.IndexedList;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphResult.Edge;
import dev.trellis.api.tasks.TaskComment;
import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskStatus;
import dev.trellis.api.tasks.TaskView;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The task index (V006, {@link SqlTaskIndex}) and TASK hits of the unified search, on a real file. */
class TaskIndexTest extends OpenDatabaseTest {

    static final BlockAddress SPRINT = BlockAddress.of(PROJECT, "sprint");
    static final BlockAddress BACKLOG = BlockAddress.of(PROJECT, "backlog");

    static TaskId id(int n) {
        return TaskId.of(T0, 1, n);
    }

    static EdgeRef ref(String list, int n) {
        return EdgeRef.item(list, id(n));
    }

    static TaskItem item(int n, String subject, TaskStatus status, String owner, List<EdgeRef> blocks,
            List<TaskComment> comments) {
        return new TaskItem(id(n), subject, "details of " + subject, Optional.empty(), status, Optional.ofNullable(owner),
                blocks, "{}", comments, T0, T0.plusSeconds(n), status == TaskStatus.COMPLETED ? Optional.of(T0) : Optional.empty());
    }

    static TaskItem item(int n, String subject, EdgeRef... blocks) {
        return item(n, subject, TaskStatus.PENDING, null, List.of(blocks), List.of());
    }

    void index(BlockAddress list, long revision, List<TaskItem> items) {
        db.inTransaction((StoreTransaction tx) -> {
            tx.tasks().replace(list, revision, items);
            return null;
        });
    }

    /** Rows changed by {@code work} on the writer connection, triggers included (FTS and edges). */
    int changesBy(Consumer<StoreTransaction> work) {
        return db.inTransaction((StoreTransaction tx) -> {
            Connection c = ((SqliteTransaction) tx).connection();
            int before = totalChanges(c);
            work.accept(tx);
            return totalChanges(c) - before;
        });
    }

    static int totalChanges(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT total_changes()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    int count(String sql) {
        return db.read((StoreTransaction tx) -> {
            try (Statement s = ((SqliteTransaction) tx).connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
    }

    List<TaskView> list(Scope scope, List<String> labels, TaskFilter filter) {
        return db.read((StoreTransaction tx) -> tx.tasks().list(scope, labels, filter));
    }

    void assertFtsInStep() {
        db.inTransaction((StoreTransaction tx) -> {
            try (Statement s = ((SqliteTransaction) tx).connection().createStatement()) {
                s.execute("INSERT INTO tasks_fts (tasks_fts, rank) VALUES ('integrity-check', 1)");
            } catch (SQLException e) {
                throw new AssertionError("tasks_fts out of step with tasks: " + e.getMessage(), e);
            }
            return null;
        });
    }

    /** Five items and three edges (reference AC3.1), one of them block-level, one into another list. */
    List<TaskItem> fiveItems() {
        return List.of(
                item(1, "Write the spec", ref("sprint", 2), ref("sprint", 3)),
                item(2, "Review the spec", EdgeRef.block("backlog")),
                item(3, "Ship it"),
                item(4, "Tell the team", TaskStatus.IN_PROGRESS, "ada", List.of(), List.of()),
                item(5, "Celebrate", TaskStatus.COMPLETED, "bo", List.of(),
                        List.of(new TaskComment("agent ada", T0, "bring the quokka cake"))));
    }

    @Test
    void theMigrationCreatesTheTaskTablesIndexesAndTriggers() throws Exception {
        assertThat(SqliteDatabaseTest.objects(dir.resolve("trellis.db"))).contains("task_lists", "tasks", "task_edges",
                "tasks_fts", "tasks_fts_source", "idx_tasks_list", "idx_tasks_owner", "idx_task_edges_pk",
                "idx_task_edges_target", "tasks_delete_edges", "tasks_fts_after_insert", "tasks_fts_after_update",
                "tasks_fts_after_delete");
    }

    @Test
    void fiveItemsAndThreeEdgesGiveFiveRowsAndThreeEdgeRows() {
        index(SPRINT, 1, fiveItems());
        assertThat(count("SELECT count(*) FROM tasks")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM task_edges")).isEqualTo(3);
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().indexedLists()))
                .containsExactly(new IndexedList(SPRINT, 1, 5));
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().items(PROJECT, "sprint")))
                .containsExactly(id(1), id(2), id(3), id(4), id(5));
        index(BACKLOG, 2, List.of());
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().lists(PROJECT))).containsExactly("backlog", "sprint");
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().lists(PERSONA))).isEmpty();
        assertFtsInStep();
    }

    @Test
    void listCountsBlockersAndBlocksInListOrder() {
        index(SPRINT, 1, fiveItems());
        List<TaskView> views = list(PROJECT, List.of("sprint"), TaskFilter.ALL);
        assertThat(views).extracting(v -> v.ref().toString() + " " + v.blockerCount() + "/" + v.blocksCount())
                .containsExactly("sprint#" + id(1) + " 0/2", "sprint#" + id(2) + " 1/1", "sprint#" + id(3) + " 1/0",
                        "sprint#" + id(4) + " 0/0", "sprint#" + id(5) + " 0/0");
        assertThat(views.get(3)).isEqualTo(new TaskView(ref("sprint", 4), "Tell the team", TaskStatus.IN_PROGRESS,
                Optional.of("ada"), 0, 0));
    }

    @Test
    void filtersAreAnded() {
        index(SPRINT, 1, fiveItems());
        index(BACKLOG, 1, List.of(item(9, "Groom the backlog", TaskStatus.PENDING, "ada", List.of(ref("sprint", 3)),
                List.of())));
        List<String> both = List.of("sprint", "backlog");
        var statuses = new TaskFilter(Set.of(TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(list(PROJECT, both, statuses)).extracting(TaskView::subject).containsExactly("Tell the team", "Celebrate");
        var owner = new TaskFilter(Set.of(), Optional.of("ada"), Optional.empty(), Optional.empty(), Optional.empty());
        // backlog sorts before sprint
        assertThat(list(PROJECT, both, owner)).extracting(TaskView::subject).containsExactly("Groom the backlog", "Tell the team");
        var blocked = new TaskFilter(Set.of(), Optional.empty(), Optional.of(true), Optional.empty(), Optional.empty());
        assertThat(list(PROJECT, both, blocked)).extracting(TaskView::subject).containsExactly("Review the spec", "Ship it");
        assertThat(list(PROJECT, both, blocked).get(1).blockerCount()).isEqualTo(2);
        var free = new TaskFilter(Set.of(), Optional.of("ada"), Optional.of(false), Optional.empty(), Optional.empty());
        assertThat(list(PROJECT, both, free)).extracting(TaskView::subject).containsExactly("Groom the backlog", "Tell the team");
        var keyword = new TaskFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.of("spec"), Optional.empty());
        assertThat(list(PROJECT, both, keyword)).extracting(TaskView::subject).containsExactly("Write the spec", "Review the spec");
        var inComments = new TaskFilter(Set.of(TaskStatus.COMPLETED), Optional.empty(), Optional.empty(),
                Optional.of("quokka"), Optional.empty());
        assertThat(list(PROJECT, both, inComments)).extracting(TaskView::subject).containsExactly("Celebrate");
        assertThat(list(PROJECT, List.of("backlog"), keyword)).isEmpty();
        assertThat(list(PROJECT, List.of(), TaskFilter.ALL)).isEmpty();
        assertThat(list(PERSONA, both, TaskFilter.ALL)).isEmpty();
    }

    @Test
    void aBadKeywordIsABadQueryNamingIt() {
        index(SPRINT, 1, fiveItems());
        var bad = new TaskFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.of("spec AND"), Optional.empty());
        assertThatThrownBy(() -> list(PROJECT, List.of("sprint"), bad)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.BAD_QUERY))
                .hasMessageContaining("'spec AND'");
    }

    @Test
    void reindexingTheSameItemsChangesNothing() {
        index(SPRINT, 1, fiveItems());
        assertThat(changesBy(tx -> tx.tasks().replace(SPRINT, 1, fiveItems()))).isZero();
        // a new revision of the same items only moves the recorded revision
        assertThat(changesBy(tx -> tx.tasks().replace(SPRINT, 2, fiveItems()))).isEqualTo(1);
    }

    @Test
    void changingOneItemOfALongListRewritesOnlyItsRow() {
        List<TaskItem> items = new ArrayList<>();
        for (int n = 1; n <= 300; n++) {
            items.add(item(n, "task number " + n));
        }
        index(SPRINT, 1, items);
        List<TaskItem> changed = new ArrayList<>(items);
        changed.set(150, item(151, "task number one-five-one renamed"));
        // the list's revision, the row, and its FTS entry (FTS5 counts its 'delete' and its insert as 2 each)
        assertThat(changesBy(tx -> tx.tasks().replace(SPRINT, 2, changed))).isEqualTo(6);
        assertThat(list(PROJECT, List.of("sprint"), keyword("renamed"))).extracting(TaskView::ref)
                .containsExactly(ref("sprint", 151));
        assertFtsInStep();
    }

    @Test
    void aStatusChangeDoesNotTouchTheFullTextIndex() {
        index(SPRINT, 1, fiveItems());
        List<TaskItem> items = new ArrayList<>(fiveItems());
        items.set(2, item(3, "Ship it", TaskStatus.BLOCKED, null, List.of(), List.of()));
        assertThat(changesBy(tx -> tx.tasks().replace(SPRINT, 2, items))).isEqualTo(2);
    }

    @Test
    void reorderingKeepsIdsAndMovesPositions() {
        index(SPRINT, 1, fiveItems());
        List<TaskItem> reversed = new ArrayList<>(fiveItems()).reversed();
        index(SPRINT, 2, reversed);
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().items(PROJECT, "sprint")))
                .containsExactly(id(5), id(4), id(3), id(2), id(1));
        assertThat(count("SELECT count(*) FROM task_edges")).isEqualTo(3);
    }

    @Test
    void droppingAnItemDropsItsRowAndOutgoingEdgesButNotEdgesIntoIt() {
        index(SPRINT, 1, fiveItems());
        index(BACKLOG, 1, List.of(item(9, "Groom", ref("sprint", 1))));
        List<TaskItem> without1 = fiveItems().subList(1, 5);
        index(SPRINT, 2, without1);
        assertThat(count("SELECT count(*) FROM tasks WHERE block_handle = 'sprint'")).isEqualTo(4);
        // 1 -> 2 and 1 -> 3 left with item 1; 2 -> backlog stays; backlog#9 -> sprint#1 stays on its own source
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().edgesTo(PROJECT, List.of(ref("sprint", 1)))))
                .containsExactly(new Edge(ref("backlog", 9), ref("sprint", 1)));
        assertThat(count("SELECT count(*) FROM task_edges")).isEqualTo(2);
        assertFtsInStep();
    }

    @Test
    void removingAListDropsItsRowsEdgesAndText() {
        index(SPRINT, 1, fiveItems());
        boolean removed = db.inTransaction((StoreTransaction tx) -> tx.tasks().remove(SPRINT));
        assertThat(removed).isTrue();
        assertThat(count("SELECT count(*) FROM tasks") + count("SELECT count(*) FROM task_edges")
                + count("SELECT count(*) FROM task_lists")).isZero();
        assertThat(db.inTransaction((StoreTransaction tx) -> tx.tasks().remove(SPRINT))).isFalse();
        assertThat(search("quokka", EnumSet.of(ContentType.TASK))).isEmpty();
        assertFtsInStep();
    }

    @Test
    void aFailureInTheTransactionRollsTheIndexBackWithTheBlock() {
        index(SPRINT, 1, fiveItems());
        assertThatThrownBy(() -> db.inTransaction((StoreTransaction tx) -> {
            tx.blocks().insert(Fixtures.block(PROJECT, "sprint", Schema.TASK_LIST, "{}", 2));
            tx.tasks().replace(SPRINT, 2, List.of(item(7, "half written")));
            throw new IllegalStateException("boom mid-write");
        })).hasMessage("boom mid-write");
        assertThat(db.read((StoreTransaction tx) -> tx.blocks().find(SPRINT))).isEmpty();
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().items(PROJECT, "sprint")))
                .containsExactly(id(1), id(2), id(3), id(4), id(5));
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().indexedLists())).containsExactly(new IndexedList(SPRINT, 1, 5));
        assertFtsInStep();
    }

    @Test
    void edgesAreUniqueAndABlockLevelTargetNeverCollidesWithAnItem() {
        index(SPRINT, 1, List.of(item(1, "a", EdgeRef.block("backlog"), ref("backlog", 1), ref("backlog", 1))));
        assertThat(count("SELECT count(*) FROM task_edges")).isEqualTo(2);
        assertThatThrownBy(() -> db.inTransaction((StoreTransaction tx) -> {
            try (Statement s = ((SqliteTransaction) tx).connection().createStatement()) {
                s.execute("INSERT INTO task_edges VALUES ('" + PROJECT.key() + "', 'sprint', '" + id(1)
                        + "', 'backlog', NULL)");
            } catch (SQLException e) {
                throw ((SqliteTransaction) tx).error("insert duplicate edge", e);
            }
            return null;
        })).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CONSTRAINT));
    }

    @Test
    void selfEdgesAreStored() {
        index(SPRINT, 1, List.of(item(1, "loop", ref("sprint", 1))));
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().edgesFrom(PROJECT, List.of(ref("sprint", 1)))))
                .containsExactly(new Edge(ref("sprint", 1), ref("sprint", 1)));
        assertThat(list(PROJECT, List.of("sprint"), TaskFilter.ALL).getFirst().blockerCount()).isEqualTo(1);
    }

    @Test
    void edgeLookupsInBothDirectionsAndInBatches() {
        List<TaskItem> items = new ArrayList<>();
        items.add(item(0, "hub"));
        for (int n = 1; n <= 1200; n++) {
            items.add(item(n, "spoke " + n, ref("sprint", 0), EdgeRef.block("backlog")));
        }
        index(SPRINT, 1, items);
        List<EdgeRef> spokes = items.subList(1, items.size()).stream().map(i -> EdgeRef.item("sprint", i.id())).toList();
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().edgesFrom(PROJECT, spokes))).hasSize(2400);
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().edgesTo(PROJECT, List.of(ref("sprint", 0))))).hasSize(1200)
                .allSatisfy(e -> assertThat(e.target()).isEqualTo(ref("sprint", 0)));
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().edgesTo(PROJECT, List.of(EdgeRef.block("backlog")))))
                .hasSize(1200).allSatisfy(e -> assertThat(e.target()).isEqualTo(EdgeRef.block("backlog")));
        // other scopes see nothing
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().edgesFrom(PERSONA, spokes))).isEmpty();
    }

    @Test
    void containsMaxIdAndScopesAreSeparate() {
        index(SPRINT, 1, fiveItems());
        index(BlockAddress.of(PERSONA, "sprint"), 3, List.of(item(40, "persona task")));
        db.read((StoreTransaction tx) -> {
            assertThat(tx.tasks().contains(PROJECT, ref("sprint", 1))).isTrue();
            assertThat(tx.tasks().contains(PROJECT, ref("sprint", 40))).isFalse();
            assertThat(tx.tasks().contains(PERSONA, ref("sprint", 40))).isTrue();
            assertThat(tx.tasks().contains(PROJECT, EdgeRef.block("sprint"))).isTrue();
            assertThat(tx.tasks().contains(PROJECT, EdgeRef.block("backlog"))).isFalse();
            assertThat(tx.tasks().maxId()).contains(id(40));
            return null;
        });
        assertThat(list(PERSONA, List.of("sprint"), TaskFilter.ALL)).extracting(TaskView::subject).containsExactly("persona task");
    }

    // ---- unified search

    List<SearchHit> search(String text, Set<ContentType> types) {
        return search(text, types, List.of(PROJECT, PERSONA), 10);
    }

    List<SearchHit> search(String text, Set<ContentType> types, List<Scope> scopes, int limit) {
        return db.read((StoreTransaction tx) -> tx.search().search(new SearchQuery(text, types, scopes, limit)));
    }

    @Test
    void oneSearchRanksTextBlockAndTaskHitsTogether() {
        insert(Fixtures.block(PROJECT, "notes", "the heron nests by the river; heron heron heron", 1),
                Fixtures.block(PROJECT, "aside", "a note that mentions a heron once among many other words here", 1),
                Fixtures.block(PROJECT, "guide", Schema.SKILL, "---\nname: heron-watch\n---\nwatch the heron", 1),
                // the task list's own JSON is not a hit: its items are
                Fixtures.block(PROJECT, "sprint", Schema.TASK_LIST, "{\"items\":[{\"subject\":\"Count every heron\"}]}", 1));
        index(SPRINT, 1, List.of(item(1, "Count every heron"), item(2, "Feed the ducks"),
                item(3, "Photograph the heron heron heron", TaskStatus.PENDING, null, List.of(), List.of())));
        List<SearchHit> hits = search("heron", EnumSet.allOf(ContentType.class));
        assertThat(hits).extracting(h -> h.kind() + " " + h.ref()).containsExactlyInAnyOrder(
                "BLOCK notes", "BLOCK aside", "SKILL guide", "TASK sprint#" + id(1), "TASK sprint#" + id(3));
        // one ranking: scores fall as the list goes on, the best hit is 1.0, kinds interleave by BM25
        assertThat(hits.getFirst().score()).isEqualTo(1.0);
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
        }
        assertThat(hits.stream().filter(h -> h.kind() == ContentType.TASK).findFirst().orElseThrow().snippet())
                .contains("**heron**");
        int firstTask = indexOfKind(hits, ContentType.TASK);
        int lastBlock = lastIndexOfKind(hits, ContentType.BLOCK);
        assertThat(firstTask).as("a task hit ranks above some block hit in %s", hits).isLessThan(lastBlock);
    }

    static int indexOfKind(List<SearchHit> hits, ContentType kind) {
        for (int i = 0; i < hits.size(); i++) {
            if (hits.get(i).kind() == kind) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOfKind(List<SearchHit> hits, ContentType kind) {
        for (int i = hits.size() - 1; i >= 0; i--) {
            if (hits.get(i).kind() == kind) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void taskHitsHonourTypeScopeAndLimit() {
        insert(Fixtures.block(PROJECT, "notes", "otter", 1));
        index(SPRINT, 1, List.of(item(1, "Find the otter"), item(2, "Feed the otter")));
        index(BlockAddress.of(PERSONA, "mine"), 1, List.of(item(3, "Visit the otter")));
        assertThat(search("otter", EnumSet.of(ContentType.TASK))).extracting(SearchHit::ref)
                .containsExactlyInAnyOrder("sprint#" + id(1), "sprint#" + id(2), "mine#" + id(3));
        assertThat(search("otter", EnumSet.of(ContentType.BLOCK))).extracting(SearchHit::ref).containsExactly("notes");
        assertThat(search("otter", EnumSet.of(ContentType.TASK), List.of(PERSONA), 10)).extracting(SearchHit::scope)
                .containsExactly(PERSONA);
        assertThat(search("otter", EnumSet.allOf(ContentType.class), List.of(PROJECT, PERSONA), 2)).hasSize(2);
        assertThatThrownBy(() -> search("otter AND", EnumSet.of(ContentType.TASK))).isInstanceOfSatisfying(
                StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.BAD_QUERY));
    }

    static TaskFilter keyword(String k) {
        return new TaskFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.of(k), Optional.empty());
    }
}
