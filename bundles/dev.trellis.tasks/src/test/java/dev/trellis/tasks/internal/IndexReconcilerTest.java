package dev.trellis.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.store.IndexedList;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskView;
import dev.trellis.store.sqlite.internal.SqliteDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilding the task index from the blocks: what is stale is fixed, running it again changes nothing. */
class IndexReconcilerTest {

    static final Scope P = Scope.local("proj");
    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path dir;
    SqliteDatabase db;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(new SqliteDatabase.Settings(dir.resolve("trellis.db"), Duration.ofSeconds(10), 2));
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A block written straight into the store, as data from before the tasks bundle (no index rows). */
    void storeBlock(String label, String content, long revision) {
        var m = new BlockMetadata(BlockAddress.of(P, label), Tier.WORKING, Schema.TASK_LIST, "", 100_000,
                Permission.DEFAULT, false, T0, T0, new Author.System("test"));
        db.inTransaction((StoreTransaction tx) -> {
            tx.blocks().insert(new Block(m, content, revision, sha256(content)));
            return null;
        });
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String item(String id, String subject) {
        return "{\"id\":\"" + id + "\",\"subject\":\"" + subject + "\",\"created_at\":\"2026-03-01T09:00:00Z\","
                + "\"updated_at\":\"2026-03-01T09:00:00Z\"}";
    }

    List<TaskView> rows(String label) {
        return db.read((StoreTransaction tx) -> tx.tasks().list(P, List.of(label), TaskFilter.ALL));
    }

    @Test
    void fixesWhatIsStaleAndIsIdempotent() {
        String one = "0cq6v1x2m4k81";
        String two = "0cq6v1x2m4k82";
        storeBlock("old", "{\"items\":[" + item(one, "from before") + "," + item(two, "also before") + "]}", 4);
        storeBlock("broken", "{\"items\":[{\"subject\":\"no id\"}]}", 1);
        storeBlock("current", "{\"items\":[" + item("0cq6v1x2m4k83", "fine") + "]}", 2);
        db.inTransaction((StoreTransaction tx) -> {
            // an index of a list whose block is gone, and one that is already right
            tx.tasks().replace(BlockAddress.of(P, "gone"), 3, List.of());
            tx.tasks().replace(BlockAddress.of(P, "current"), 2,
                    dev.trellis.tasks.internal.format.TaskListJson.parse(tx.blocks().find(BlockAddress.of(P, "current"))
                            .orElseThrow().content()).items());
            return null;
        });

        IndexReconciler.Report first = new IndexReconciler(db).run();
        assertThat(first.checked()).isEqualTo(4);
        assertThat(first.indexed()).isEqualTo(1);
        assertThat(first.dropped()).isEqualTo(1);
        assertThat(first.problems()).singleElement().asString()
                .startsWith("local:proj/broken is not a valid task list (line 1, column 11 (items[0].id): the task has no id)");
        assertThat(rows("old")).extracting(TaskView::subject).containsExactly("from before", "also before");
        List<IndexedList> after = db.read((StoreTransaction tx) -> tx.tasks().indexedLists());
        assertThat(after).containsExactly(new IndexedList(BlockAddress.of(P, "current"), 2, 1),
                new IndexedList(BlockAddress.of(P, "old"), 4, 2));

        IndexReconciler.Report second = new IndexReconciler(db).run();
        assertThat(second.indexed() + second.dropped()).isZero();
        assertThat(db.read((StoreTransaction tx) -> tx.tasks().indexedLists())).isEqualTo(after);
    }
}
