package dev.trellis.store.sqlite.internal;

import dev.trellis.api.store.ArchivalStore;
import dev.trellis.api.store.BlockStore;
import dev.trellis.api.store.HistoryStore;
import dev.trellis.api.store.MessageQueueStore;
import dev.trellis.api.store.MessageStore;
import dev.trellis.api.store.SearchIndex;
import dev.trellis.api.store.SharedBlockStore;
import dev.trellis.api.store.SkillUsageStore;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.api.store.TaskIndexStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One transaction on one connection. The connection is only reachable through {@link #connection()}
 * and {@link #writable(String)}, which refuse once the transaction has ended, and writes in a read
 * transaction.
 */
final class SqliteTransaction implements StoreTransaction {

    private final Path file;
    private final Connection connection;
    private final boolean readOnly;
    private final SqlBlocks blocks = new SqlBlocks(this);
    private final SqlHistory history = new SqlHistory(this);
    private final SqlArchival archival = new SqlArchival(this);
    private final SqlMessages messages = new SqlMessages(this);
    private final SqlMessageQueue messageQueue = new SqlMessageQueue(this);
    private final SqlSearch search = new SqlSearch(this);
    private final SqlSharedBlocks sharedBlocks = new SqlSharedBlocks(this);
    private final SqlSkillUsage skillUsage = new SqlSkillUsage(this);
    private final SqlTaskIndex tasks = new SqlTaskIndex(this);
    private volatile boolean active = true;

    SqliteTransaction(Path file, Connection connection, boolean readOnly) {
        this.file = file;
        this.connection = connection;
        this.readOnly = readOnly;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** @throws IllegalStateException if the work that received this transaction has returned */
    Connection connection() {
        if (!active) {
            throw new IllegalStateException("store transaction used after its work returned");
        }
        return connection;
    }

    /** @throws IllegalStateException in a read transaction, or after the transaction ended */
    Connection writable(String what) {
        Connection c = connection();
        if (readOnly) {
            throw new IllegalStateException(what + ": not allowed in a read transaction (use StoreService.inTransaction)");
        }
        return c;
    }

    /** Maps one result row (a read of the current row only). */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * The rows of {@code sql} with string parameters {@code args}, mapped in order; a failure is a
     * {@link StoreException} naming {@code what}.
     */
    <T> List<T> query(String what, String sql, Row<T> row, String... args) {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw error(what, e);
        }
    }

    StoreException error(String what, SQLException e) {
        return SqlErrors.translate(file, what, e);
    }

    Path file() {
        return file;
    }

    void end() {
        active = false;
    }

    @Override
    public BlockStore blocks() {
        connection();
        return blocks;
    }

    @Override
    public HistoryStore history() {
        connection();
        return history;
    }

    @Override
    public ArchivalStore archival() {
        connection();
        return archival;
    }

    @Override
    public MessageStore messages() {
        connection();
        return messages;
    }

    @Override
    public MessageQueueStore messageQueue() {
        connection();
        return messageQueue;
    }

    @Override
    public SearchIndex search() {
        connection();
        return search;
    }

    @Override
    public SharedBlockStore sharedBlocks() {
        connection();
        return sharedBlocks;
    }

    @Override
    public TaskIndexStore tasks() {
        connection();
        return tasks;
    }

    @Override
    public SkillUsageStore skillUsage() {
        connection();
        return skillUsage;
    }
}
