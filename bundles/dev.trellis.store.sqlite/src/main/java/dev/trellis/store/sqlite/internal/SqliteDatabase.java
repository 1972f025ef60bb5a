package dev.trellis.store.sqlite.internal;

import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreException.Reason;
import dev.trellis.api.store.StoreService;
import dev.trellis.api.store.Work;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite file in WAL mode. SQLite admits one writer at a time, so there is exactly one writer
 * connection and write transactions take a fair lock in front of it (waiting in Java, up to the busy
 * timeout, instead of spinning on SQLITE_BUSY). Reads run on a small pool of query-only connections;
 * WAL gives each read transaction one consistent snapshot and never blocks the writer.
 *
 * <p>Calls on a thread that is already inside a transaction join it: a nested
 * {@link #inTransaction} runs under a savepoint of the outer write transaction (its failure undoes
 * only its own writes), a nested {@link #read} sees the outer transaction's state.
 */
public final class SqliteDatabase implements StoreService, AutoCloseable {

    /**
     * @param file         the database file; its directory is created if missing
     * @param busyTimeout  longest wait for the writer lock or a read connection
     * @param readPoolSize read connections, >= 1
     */
    public record Settings(Path file, Duration busyTimeout, int readPoolSize) {
        public Settings {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(busyTimeout, "busyTimeout");
            if (busyTimeout.isNegative()) {
                throw new IllegalArgumentException("busy timeout must be >= 0, was " + busyTimeout);
            }
            if (readPoolSize < 1) {
                throw new IllegalArgumentException("read pool size must be >= 1, was " + readPoolSize);
            }
        }
    }

    private final Path file;
    private final long busyTimeoutMillis;
    private final int schemaVersion;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Connection writer;
    private final List<Connection> readers;
    private final BlockingQueue<Connection> idleReaders;
    /** The transaction this thread is running, for joining nested calls. */
    private final ThreadLocal<SqliteTransaction> current = new ThreadLocal<>();
    private volatile boolean closed;

    private SqliteDatabase(Path file, long busyTimeoutMillis, int schemaVersion, Connection writer,
            List<Connection> readers) {
        this.file = file;
        this.busyTimeoutMillis = busyTimeoutMillis;
        this.schemaVersion = schemaVersion;
        this.writer = writer;
        this.readers = List.copyOf(readers);
        this.idleReaders = new ArrayBlockingQueue<>(readers.size(), false, readers);
    }

    /**
     * Opens (creating if needed) and migrates the database.
     *
     * @throws StoreException {@code CORRUPT} if the file's schema is newer than this bundle knows (the
     *                        file is left untouched) or it is not a database; {@code UNAVAILABLE} if it
     *                        cannot be opened or migrated
     */
    public static SqliteDatabase open(Settings settings) {
        return open(settings, Migrations.load());
    }

    /** {@link #open(Settings)} with a given migration list (tests of the migration runner). */
    static SqliteDatabase open(Settings settings, List<Migration> migrations) {
        Path file = settings.file().toAbsolutePath().normalize();
        try {
            Path dir = file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new StoreException(Reason.UNAVAILABLE, "store " + file + ": cannot create its directory: " + e, e);
        }
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        long timeout = settings.busyTimeout().toMillis();
        Connection writer = null;
        List<Connection> readers = new ArrayList<>();
        try {
            writer = source.getConnection();
            // Check the version before anything that writes (journal_mode=WAL changes the file header).
            int found = userVersion(writer, file);
            int known = Migrations.newest(migrations);
            if (found > known) {
                throw new StoreException(Reason.CORRUPT, "store " + file + " has schema version " + found
                        + " but this dev.trellis.store.sqlite supports up to version " + known
                        + "; it was written by a newer Trellis. The file was not changed: use that newer Trellis,"
                        + " or point the store (PID dev.trellis.store.sqlite, property path) at another file");
            }
            configure(writer, file, timeout, false);
            migrate(writer, file, found, migrations);
            for (int i = 0; i < settings.readPoolSize(); i++) {
                Connection reader = source.getConnection();
                readers.add(reader);
                configure(reader, file, timeout, true);
            }
            return new SqliteDatabase(file, timeout, known, writer, readers);
        } catch (SQLException e) {
            closeAll(writer, readers);
            throw SqlErrors.translate(file, "open", e);
        } catch (RuntimeException e) {
            closeAll(writer, readers);
            throw e;
        }
    }

    /** The schema version of the open file (= the newest migration). */
    public int schemaVersion() {
        return schemaVersion;
    }

    public Path file() {
        return file;
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        Objects.requireNonNull(work, "work");
        SqliteTransaction outer = current.get();
        if (outer != null) {
            if (outer.readOnly()) {
                throw new IllegalStateException("store " + file + ": inTransaction called inside a read transaction"
                        + " on the same thread; start the write transaction outside the read");
            }
            return nested(outer, work);
        }
        ensureOpen();
        acquireWriteLock();
        try {
            ensureOpen();
            execute(writer, "BEGIN IMMEDIATE", "begin write transaction");
            SqliteTransaction tx = new SqliteTransaction(file, writer, false);
            current.set(tx);
            T result;
            try {
                result = work.run(tx);
            } catch (RuntimeException | Error e) {
                rollback(writer, e);
                throw e;
            } finally {
                tx.end();
                current.remove();
            }
            commit(writer);
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public <T> T read(Work<T> work) {
        Objects.requireNonNull(work, "work");
        SqliteTransaction outer = current.get();
        if (outer != null) {
            // sees the outer transaction's (possibly uncommitted) state; a read view refuses writes
            SqliteTransaction view = outer.readOnly() ? outer : new SqliteTransaction(file, writer, true);
            try {
                return work.run(view);
            } finally {
                if (view != outer) {
                    view.end();
                }
            }
        }
        ensureOpen();
        Connection reader = borrowReader();
        try {
            execute(reader, "BEGIN", "begin read transaction");
            SqliteTransaction tx = new SqliteTransaction(file, reader, true);
            current.set(tx);
            T result;
            try {
                result = work.run(tx);
            } catch (RuntimeException | Error e) {
                rollback(reader, e);
                throw e;
            } finally {
                tx.end();
                current.remove();
            }
            commit(reader);
            return result;
        } finally {
            returnReader(reader);
        }
    }

    /** Closes all connections; transactions still running finish first (up to the busy timeout). */
    @Override
    public void close() {
        closed = true;
        boolean locked = false;
        try {
            locked = writeLock.tryLock(busyTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            closeQuietly(writer);
        } finally {
            if (locked) {
                writeLock.unlock();
            }
        }
        // readers in use are closed by returnReader
        Connection idle;
        while ((idle = idleReaders.poll()) != null) {
            closeQuietly(idle);
        }
    }

    private <T> T nested(SqliteTransaction outer, Work<T> work) {
        String savepoint = "nested_" + System.identityHashCode(work) + "_" + System.nanoTime();
        execute(writer, "SAVEPOINT " + savepoint, "begin nested transaction");
        try {
            T result = work.run(outer);
            execute(writer, "RELEASE " + savepoint, "end nested transaction");
            return result;
        } catch (RuntimeException | Error e) {
            try (Statement s = writer.createStatement()) {
                s.execute("ROLLBACK TO " + savepoint);
                s.execute("RELEASE " + savepoint);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }

    private void acquireWriteLock() {
        try {
            if (!writeLock.tryLock(busyTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new StoreException(Reason.BUSY, "store " + file + ": another write transaction held the store for"
                        + " longer than the busy timeout (" + busyTimeoutMillis + " ms)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Reason.UNAVAILABLE, "store " + file + ": interrupted while waiting to write", e);
        }
    }

    private Connection borrowReader() {
        try {
            Connection c = idleReaders.poll(busyTimeoutMillis, TimeUnit.MILLISECONDS);
            if (c == null) {
                ensureOpen();
                throw new StoreException(Reason.BUSY, "store " + file + ": all " + readers.size()
                        + " read connections stayed in use for longer than the busy timeout (" + busyTimeoutMillis + " ms)");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Reason.UNAVAILABLE, "store " + file + ": interrupted while waiting to read", e);
        }
    }

    private void returnReader(Connection c) {
        if (closed) {
            closeQuietly(c);
        } else {
            idleReaders.add(c);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException(Reason.UNAVAILABLE, "store " + file + " is closed");
        }
    }

    private void commit(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("COMMIT");
        } catch (SQLException e) {
            StoreException failure = SqlErrors.translate(file, "commit", e);
            rollback(c, failure);
            throw failure;
        }
    }

    private void rollback(Connection c, Throwable cause) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back by itself (e.g. SQLITE_FULL); nothing is left to undo then
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                cause.addSuppressed(e);
            }
        }
    }

    private void execute(Connection c, String sql, String what) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw SqlErrors.translate(file, what, e);
        }
    }

    private static int userVersion(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void configure(Connection c, Path file, long busyTimeoutMillis, boolean readOnly) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!readOnly) {
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                    rs.next();
                    if (!"wal".equalsIgnoreCase(rs.getString(1))) {
                        throw new StoreException(Reason.UNAVAILABLE, "store " + file + ": cannot switch to WAL journal"
                                + " mode (got '" + rs.getString(1) + "'); is the file on a network file system?");
                    }
                }
            }
            // NORMAL is durable across application crashes in WAL mode; only a power loss may drop the last commits
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA busy_timeout = " + busyTimeoutMillis);
            if (readOnly) {
                s.execute("PRAGMA query_only = ON");
            }
        }
    }

    /**
     * Applies every listed migration the file has not had yet, in index order, each in its own
     * transaction together with its {@code schema_migrations} row and {@code user_version} (the highest
     * version applied). The ledger {@code schema_migrations} is what decides: a migration with a lower
     * number than {@code user_version} still runs if it is not recorded (it came from a parallel branch
     * merged later). A file from before the ledger existed gets it filled with the listed versions up to
     * its {@code user_version}, which were consecutive then.
     */
    private static void migrate(Connection c, Path file, int from, List<Migration> migrations) {
        Set<Integer> applied = ledger(c, file, from, migrations);
        int version = from;
        for (Migration m : migrations) {
            if (applied.contains(m.version())) {
                continue;
            }
            int next = Math.max(version, m.version());
            try {
                immediate(c, s -> {
                    s.executeUpdate(m.sql());
                    m.after().run(c);
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")) {
                        ps.setInt(1, m.version());
                        ps.setString(2, m.fileName());
                        ps.setString(3, Codec.instant(Instant.now()));
                        ps.executeUpdate();
                    }
                    // user_version lives in the header page: it commits or rolls back with the migration
                    s.execute("PRAGMA user_version = " + next);
                    return null;
                });
            } catch (SQLException e) {
                throw new StoreException(Reason.UNAVAILABLE, "store " + file + ": migration " + m.fileName()
                        + " (schema version " + version + " -> " + next + ") failed and was rolled back: "
                        + SqlErrors.detail(e), e);
            }
            version = next;
        }
    }

    /** The versions recorded in {@code schema_migrations}, creating and back-filling it on first use. */
    private static Set<Integer> ledger(Connection c, Path file, int from, List<Migration> migrations) {
        try {
            return immediate(c, s -> {
                boolean exists;
                try (ResultSet rs = s.executeQuery(
                        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")) {
                    exists = rs.next();
                }
                if (!exists) {
                    s.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                            + " applied_at TEXT NOT NULL)");
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 'before the ledger')")) {
                        for (Migration m : migrations) {
                            if (m.version() <= from) {
                                ps.setInt(1, m.version());
                                ps.setString(2, m.fileName());
                                ps.executeUpdate();
                            }
                        }
                    }
                }
                Set<Integer> applied = new HashSet<>();
                try (ResultSet rs = s.executeQuery("SELECT version FROM schema_migrations")) {
                    while (rs.next()) {
                        applied.add(rs.getInt(1));
                    }
                }
                return applied;
            });
        } catch (SQLException e) {
            throw new StoreException(Reason.UNAVAILABLE, "store " + file + ": cannot read or create the migration ledger"
                    + " schema_migrations: " + SqlErrors.detail(e), e);
        }
    }

    /** Work on the writer connection during opening, before the transaction machinery exists. */
    @FunctionalInterface
    private interface OpeningWork<T> {
        T run(Statement s) throws SQLException;
    }

    /** Runs {@code work} in {@code BEGIN IMMEDIATE … COMMIT}; any failure rolls it back and is rethrown. */
    private static <T> T immediate(Connection c, OpeningWork<T> work) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(s);
                s.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    private static void closeAll(Connection writer, List<Connection> readers) {
        closeQuietly(writer);
        readers.forEach(SqliteDatabase::closeQuietly);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // closing is best effort; the file stays consistent (WAL)
        }
    }
}
