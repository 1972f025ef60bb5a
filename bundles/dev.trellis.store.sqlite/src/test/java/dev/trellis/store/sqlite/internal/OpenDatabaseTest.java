package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.Block;
import dev.trellis.api.store.StoreTransaction;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests that each need a freshly migrated database file, closed after the test. */
abstract class OpenDatabaseTest {

    @TempDir
    Path dir;
    SqliteDatabase db;

    @BeforeEach
    void openDatabase() {
        db = Fixtures.open(dir.resolve("trellis.db"));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    /** Inserts the blocks in one transaction. */
    void insert(Block... blocks) {
        db.inTransaction((StoreTransaction tx) -> {
            for (Block b : blocks) {
                tx.blocks().insert(b);
            }
            return null;
        });
    }
}
