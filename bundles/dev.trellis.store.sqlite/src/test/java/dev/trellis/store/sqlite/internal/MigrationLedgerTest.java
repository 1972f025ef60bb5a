package dev.trellis.store.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration ledger {@code schema_migrations}: parallel branches take migration numbers of their
 * own, so after a merge a file may be at version 7 without having had 6. The ledger makes 6 run then.
 */
class MigrationLedgerTest {

    @TempDir
    Path dir;

    private static SqliteDatabase open(Path file, List<Migration> migrations) {
        return SqliteDatabase.open(new SqliteDatabase.Settings(file, Duration.ofSeconds(10), 1), migrations);
    }

    private static Migration table(int version, String name) {
        return new Migration(version, String.format("V%03d__%s.sql", version, name), "CREATE TABLE " + name + " (x)");
    }

    @Test
    void aLowerNumberMergedInLaterIsAppliedOnce() throws SQLException {
        Path file = dir.resolve("merged.db");
        List<Migration> base = Migrations.load().subList(0, 5);
        List<Migration> skillsBranch = new ArrayList<>(base);
        skillsBranch.add(table(7, "from_branch_seven"));
        try (SqliteDatabase db = open(file, skillsBranch)) {
            assertThat(db.schemaVersion()).isEqualTo(7);
        }
        assertThat(SqliteDatabaseTest.userVersion(file)).isEqualTo(7);
        assertThat(ledger(file)).containsOnlyKeys(1, 2, 3, 4, 5, 7);

        List<Migration> merged = new ArrayList<>(base);
        merged.add(table(6, "from_branch_six"));
        merged.add(table(7, "from_branch_seven"));
        try (SqliteDatabase db = open(file, merged)) {
            assertThat(db.schemaVersion()).isEqualTo(7);
        }
        assertThat(SqliteDatabaseTest.objects(file)).contains("from_branch_six", "from_branch_seven");
        assertThat(SqliteDatabaseTest.userVersion(file)).isEqualTo(7);
        assertThat(ledger(file)).containsOnlyKeys(1, 2, 3, 4, 5, 6, 7)
                .containsEntry(6, "V006__from_branch_six.sql");

        // nothing runs twice (a second CREATE TABLE would fail the open)
        try (SqliteDatabase db = open(file, merged)) {
            assertThat(db.schemaVersion()).isEqualTo(7);
        }
    }

    @Test
    void aFileFromBeforeTheLedgerGetsItFilledUpToItsVersion() throws SQLException {
        Path file = dir.resolve("v5.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (Migration m : Migrations.load().subList(0, 4)) {
                s.executeUpdate(m.sql());
            }
            s.execute("PRAGMA user_version = 4");
        }
        try (SqliteDatabase db = Fixtures.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.newest(Migrations.load()));
        }
        Map<Integer, String> ledger = ledger(file);
        assertThat(ledger.keySet()).containsExactlyElementsOf(
                Migrations.load().stream().map(Migration::version).toList());
        assertThat(appliedAt(file, 4)).isEqualTo("before the ledger");
        assertThat(appliedAt(file, 5)).isNotEqualTo("before the ledger");
        assertThat(SqliteDatabaseTest.objects(file)).contains("block_chunks", "skill_usage", "schema_migrations");
    }

    @Test
    void theIndexMayHaveGapsButNumbersMustIncrease() {
        assertThat(Migrations.load()).extracting(Migration::fileName).contains("V007__skill_usage.sql");
        assertThat(Migrations.newest(Migrations.load())).isEqualTo(Migrations.load().getLast().version());
    }

    private static Map<Integer, String> ledger(Path file) throws SQLException {
        Map<Integer, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, name FROM schema_migrations ORDER BY version")) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    private static String appliedAt(Path file, int version) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT applied_at FROM schema_migrations WHERE version = " + version)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
