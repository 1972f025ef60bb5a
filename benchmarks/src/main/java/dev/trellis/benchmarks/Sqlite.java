package dev.trellis.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/** Raw sqlite-jdbc access for the baselines, and temporary homes. */
final class Sqlite {

    private Sqlite() {
    }

    /**
     * A plain connection to {@code file} with the PRAGMAs the store sets on its connections
     * (SqliteDatabase.configure): WAL, synchronous=NORMAL, foreign keys, 5 s busy timeout.
     */
    static Connection open(Path file, boolean readOnly) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                rs.next();
                if (!"wal".equalsIgnoreCase(rs.getString(1))) {
                    throw new IllegalStateException(file + ": journal mode is " + rs.getString(1) + ", not WAL");
                }
            }
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA busy_timeout = 5000");
            if (readOnly) {
                s.execute("PRAGMA query_only = ON");
            }
        }
        return c;
    }

    static Path tempHome(String what) {
        try {
            return Files.createTempDirectory("trellis-bench-" + what + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete benchmark data " + dir, e);
        }
    }
}
