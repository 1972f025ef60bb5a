package dev.trellis.store.sqlite.internal;

import static dev.trellis.store.sqlite.internal.Fixtures.PROJECT;
import static dev.trellis.store.sqlite.internal.Fixtures.block;
import static dev.trellis.store.sqlite.internal.Fixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreTransaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, migrations, connection settings and concurrency of the SQLite store. */
class SqliteDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void migratesAnEmptyFileToTheNewestVersion() throws Exception {
        Path file = dir.resolve("sub/trellis.db");
        try (var db = open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.newest(Migrations.load())).isGreaterThanOrEqualTo(3);
        }
        assertThat(userVersion(file)).isEqualTo(Migrations.newest(Migrations.load()));
        assertThat(objects(file)).contains("blocks", "block_history", "archival", "block_chunks", "block_chunks_fts",
                "archival_fts", "block_chunks_fts_after_insert", "block_chunks_fts_after_update",
                "block_chunks_fts_after_delete", "blocks_soft_delete_chunks",
                "archival_fts_after_insert", "archival_fts_after_delete")
                // V005 replaced the whole-block index by the chunk index
                .doesNotContain("blocks_fts", "blocks_live");
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain() throws Exception {
        Path file = dir.resolve("trellis.db");
        try (var db = open(file)) {
            db.inTransaction((StoreTransaction tx) -> {
                tx.blocks().insert(block(PROJECT, "notes", "kept across restarts", 1));
                return null;
            });
        }
        Set<String> before = objects(file);
        try (var db = open(file)) {
            assertThat(db.read((StoreTransaction tx) -> tx.blocks().find(BlockAddress.of(PROJECT, "notes")))).get()
                    .extracting(b -> b.content()).isEqualTo("kept across restarts");
        }
        assertThat(objects(file)).isEqualTo(before);
        assertThat(userVersion(file)).isEqualTo(Migrations.newest(Migrations.load()));
    }

    @Test
    void usesWalForeignKeysAndBusyTimeout() throws Exception {
        Path file = dir.resolve("trellis.db");
        try (var db = open(file)) {
            db.read((StoreTransaction tx) -> {
                try (Statement s = ((SqliteTransaction) tx).connection().createStatement()) {
                    assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
                    assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
                    assertThat(pragma(s, "busy_timeout")).isEqualTo("10000");
                    assertThat(pragma(s, "synchronous")).isEqualTo("1"); // NORMAL
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
                return null;
            });
        }
    }

    @Test
    void fts5IsCompiledIn() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = c.createStatement()) {
            s.execute("CREATE VIRTUAL TABLE t USING fts5(x)");
            s.execute("INSERT INTO t VALUES ('full text search works')");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t WHERE t MATCH 'search'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void refusesANewerSchemaAndLeavesTheFileUntouched() throws Exception {
        Path file = dir.resolve("future.db");
        int newer = Migrations.newest(Migrations.load()) + 7;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE from_the_future (x)");
            s.execute("PRAGMA user_version = " + newer);
        }
        String before = sha256(file);
        List<Path> filesBefore = listDir();

        assertThatThrownBy(() -> open(file))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CORRUPT))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("schema version " + newer)
                .hasMessageContaining("supports up to version " + Migrations.newest(Migrations.load()))
                .hasMessageContaining("not changed");

        assertThat(sha256(file)).isEqualTo(before);
        assertThat(listDir()).isEqualTo(filesBefore);
        assertThat(userVersion(file)).isEqualTo(newer);
    }

    @Test
    void refusesAFileThatIsNotADatabase() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "this is not a database file, it is plain text that is long enough to have a header");
        assertThatThrownBy(() -> open(file))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CORRUPT))
                .hasMessageContaining(file.toString());
    }

    @Test
    void closedStoreIsUnavailable() {
        var db = open(dir.resolve("trellis.db"));
        db.close();
        assertThatThrownBy(() -> db.read((StoreTransaction tx) -> null))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.UNAVAILABLE))
                .hasMessageContaining("closed");
    }

    @Test
    void concurrentWritersOnVirtualThreadsAreSerializedWithoutBusyErrors() throws Exception {
        int writers = 16;
        int perWriter = 25;
        try (var db = open(dir.resolve("trellis.db"))) {
            db.inTransaction((StoreTransaction tx) -> {
                tx.blocks().insert(block(PROJECT, "counter", "0", 1));
                return null;
            });
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    futures.add(executor.submit(() -> {
                        start.await();
                        for (int step = 0; step < perWriter; step++) {
                            int i = step;
                            // read-modify-write: only correct if write transactions are serialized
                            db.inTransaction((StoreTransaction tx) -> {
                                var current = tx.blocks().find(BlockAddress.of(PROJECT, "counter")).orElseThrow();
                                long next = Long.parseLong(current.content()) + 1;
                                boolean ok = tx.blocks().update(block(PROJECT, "counter", Long.toString(next),
                                        current.revision() + 1), current.revision());
                                assertThat(ok).isTrue();
                                tx.archival().insert(PROJECT, "writer " + writer + " step " + i, java.util.Optional.empty());
                                return null;
                            });
                            db.read((StoreTransaction tx) -> tx.blocks().list(dev.trellis.api.memory.ListFilter.ALL));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(); // rethrows any StoreException (e.g. BUSY) or assertion failure
                }
            }
            var counter = db.read((StoreTransaction tx) -> tx.blocks().find(BlockAddress.of(PROJECT, "counter")).orElseThrow());
            assertThat(counter.content()).isEqualTo(Integer.toString(writers * perWriter));
            assertThat(counter.revision()).isEqualTo(writers * perWriter + 1L);
        }
    }

    @Test
    void aWriterWaitingLongerThanTheBusyTimeoutGetsBusy() throws Exception {
        var settings = new SqliteDatabase.Settings(dir.resolve("trellis.db"), java.time.Duration.ofMillis(200), 1);
        try (var db = SqliteDatabase.open(settings)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            var holder = java.util.concurrent.CompletableFuture.runAsync(() -> db.inTransaction((StoreTransaction tx) -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> db.inTransaction((StoreTransaction tx) -> null))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(StoreException.Reason.BUSY);
                        assertThat(e.reason().retryable()).isTrue();
                    })
                    .hasMessageContaining("busy timeout (200 ms)");
            release.countDown();
            holder.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(db.inTransaction((StoreTransaction tx) -> "free again")).isEqualTo("free again");
        }
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static String pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static int userVersion(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static Set<String> objects(Path file) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_schema")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
