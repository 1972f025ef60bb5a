package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.store.IndexedList;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.TaskIndexStore;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.TaskComment;
import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskStatus;
import dev.trellis.api.tasks.TaskView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link TaskIndexStore} over {@code task_lists}, {@code tasks}, {@code task_edges} (V006). {@link #replace}
 * compares the stored rows of a list with its items and writes only the differences, so reconciling a list
 * twice writes nothing the second time, and a change to one item of a long list touches that item's rows.
 * Full text follows the {@code tasks} rows through triggers ({@code tasks_fts}); an item's outgoing edges
 * leave with its row (trigger {@code tasks_delete_edges}).
 */
final class SqlTaskIndex implements TaskIndexStore {

    private static final String ROW_COLUMNS = "position, subject, description, active_form, status, owner_agent_id,"
            + " comments_text, created_at, updated_at, completed_at";

    private final SqliteTransaction tx;

    SqlTaskIndex(SqliteTransaction tx) {
        this.tx = tx;
    }

    /** The indexed columns of one item; equal rows need no write. */
    private record Row(int position, String subject, String description, String activeForm, String status,
            String owner, String commentsText, String createdAt, String updatedAt, String completedAt) {

        static Row of(TaskItem item, int position) {
            return new Row(position, item.subject(), item.description(), item.activeForm().orElse(null),
                    item.status().id(), item.owner().orElse(null),
                    item.comments().stream().map(TaskComment::text).collect(Collectors.joining("\n")),
                    Codec.instant(item.createdAt()), Codec.instant(item.updatedAt()),
                    item.completedAt().map(Codec::instant).orElse(null));
        }

        static Row read(ResultSet rs) throws SQLException {
            return new Row(rs.getInt("position"), rs.getString("subject"), rs.getString("description"),
                    rs.getString("active_form"), rs.getString("status"), rs.getString("owner_agent_id"),
                    rs.getString("comments_text"), rs.getString("created_at"), rs.getString("updated_at"),
                    rs.getString("completed_at"));
        }

        /** Binds the ten columns in {@link #ROW_COLUMNS} order from index {@code i}; returns the next index. */
        int bind(PreparedStatement ps, int i) throws SQLException {
            ps.setInt(i++, position);
            ps.setString(i++, subject);
            ps.setString(i++, description);
            setNullable(ps, i++, activeForm);
            ps.setString(i++, status);
            setNullable(ps, i++, owner);
            ps.setString(i++, commentsText);
            ps.setString(i++, createdAt);
            ps.setString(i++, updatedAt);
            setNullable(ps, i++, completedAt);
            return i;
        }
    }

    /** One stored edge of a source list: the source item and the target, as text. */
    private record StoredEdge(String sourceItem, String targetBlock, String targetItem) {
    }

    @Override
    public void replace(BlockAddress list, long revision, List<TaskItem> items) {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(items, "items");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be >= 1, was " + revision);
        }
        Connection c = tx.writable("index task list " + list);
        String scope = list.scope().key();
        String label = list.label();
        try {
            long listId = upsertList(c, scope, label, revision);
            Map<String, Long> rowIds = new HashMap<>();
            Map<String, Row> stored = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, task_item_id, " + ROW_COLUMNS + " FROM tasks WHERE list_id = ?")) {
                ps.setLong(1, listId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rowIds.put(rs.getString("task_item_id"), rs.getLong("id"));
                        stored.put(rs.getString("task_item_id"), Row.read(rs));
                    }
                }
            }
            Set<StoredEdge> wanted = new LinkedHashSet<>();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO tasks (list_id, scope, block_handle,"
                    + " task_item_id, " + ROW_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement update = c.prepareStatement("UPDATE tasks SET position = ?, subject = ?,"
                            + " description = ?, active_form = ?, status = ?, owner_agent_id = ?, comments_text = ?,"
                            + " created_at = ?, updated_at = ?, completed_at = ? WHERE id = ?")) {
                for (int position = 0; position < items.size(); position++) {
                    TaskItem item = items.get(position);
                    String id = item.id().format();
                    Row row = Row.of(item, position);
                    Row before = stored.remove(id);
                    if (before == null) {
                        insert.setLong(1, listId);
                        insert.setString(2, scope);
                        insert.setString(3, label);
                        insert.setString(4, id);
                        row.bind(insert, 5);
                        insert.executeUpdate();
                    } else if (!before.equals(row)) {
                        update.setLong(row.bind(update, 1), rowIds.get(id));
                        update.executeUpdate();
                    }
                    for (EdgeRef target : item.blocks()) {
                        wanted.add(new StoredEdge(id, target.block(), target.item().map(TaskId::format).orElse(null)));
                    }
                }
            }
            // items gone from the list; their outgoing edges go with them (trigger)
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM tasks WHERE id = ?")) {
                for (String gone : stored.keySet()) {
                    delete.setLong(1, rowIds.get(gone));
                    delete.executeUpdate();
                }
            }
            replaceEdges(c, scope, label, wanted);
        } catch (SQLException e) {
            throw tx.error("index task list " + list, e);
        }
    }

    private static long upsertList(Connection c, String scope, String label, long revision) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO task_lists (scope, label, revision) VALUES (?, ?, ?)"
                + " ON CONFLICT (scope, label) DO UPDATE SET revision = excluded.revision"
                + " WHERE task_lists.revision <> excluded.revision")) {
            ps.setString(1, scope);
            ps.setString(2, label);
            ps.setLong(3, revision);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM task_lists WHERE scope = ? AND label = ?")) {
            ps.setString(1, scope);
            ps.setString(2, label);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void replaceEdges(Connection c, String scope, String label, Set<StoredEdge> wanted)
            throws SQLException {
        Map<StoredEdge, Long> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rowid, source_item, target_block, target_item"
                + " FROM task_edges WHERE scope = ? AND source_block = ?")) {
            ps.setString(1, scope);
            ps.setString(2, label);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(new StoredEdge(rs.getString(2), rs.getString(3), rs.getString(4)), rs.getLong(1));
                }
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM task_edges WHERE rowid = ?")) {
            for (Map.Entry<StoredEdge, Long> e : stored.entrySet()) {
                if (!wanted.contains(e.getKey())) {
                    delete.setLong(1, e.getValue());
                    delete.executeUpdate();
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO task_edges (scope, source_block, source_item,"
                + " target_block, target_item) VALUES (?, ?, ?, ?, ?)")) {
            for (StoredEdge e : wanted) {
                if (!stored.containsKey(e)) {
                    insert.setString(1, scope);
                    insert.setString(2, label);
                    insert.setString(3, e.sourceItem());
                    insert.setString(4, e.targetBlock());
                    setNullable(insert, 5, e.targetItem());
                    insert.executeUpdate();
                }
            }
        }
    }

    @Override
    public boolean remove(BlockAddress list) {
        Objects.requireNonNull(list, "list");
        Connection c = tx.writable("drop task index of " + list);
        try {
            Optional<Long> id = listId(c, list.scope().key(), list.label());
            if (id.isEmpty()) {
                return false;
            }
            // explicit deletes (not the foreign-key cascade) so the FTS and edge triggers run for each row
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tasks WHERE list_id = ?")) {
                ps.setLong(1, id.get());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM task_lists WHERE id = ?")) {
                ps.setLong(1, id.get());
                ps.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw tx.error("drop task index of " + list, e);
        }
    }

    private static Optional<Long> listId(Connection c, String scope, String label) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM task_lists WHERE scope = ? AND label = ?")) {
            ps.setString(1, scope);
            ps.setString(2, label);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    @Override
    public List<IndexedList> indexedLists() {
        String sql = "SELECT l.scope, l.label, l.revision, count(t.id) FROM task_lists l"
                + " LEFT JOIN tasks t ON t.list_id = l.id GROUP BY l.id ORDER BY l.scope, l.label";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<IndexedList> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new IndexedList(BlockAddress.of(Scope.parse(rs.getString(1)), rs.getString(2)), rs.getLong(3),
                        rs.getInt(4)));
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw tx.error("list indexed task lists", e);
        } catch (IllegalArgumentException e) {
            throw corrupt("an indexed task list", e);
        }
    }

    @Override
    public List<String> lists(Scope scope) {
        Objects.requireNonNull(scope, "scope");
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "SELECT label FROM task_lists WHERE scope = ? ORDER BY label")) {
            ps.setString(1, scope.key());
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw tx.error("list the task lists of " + scope, e);
        }
    }

    @Override
    public List<TaskView> list(Scope scope, Collection<String> labels, TaskFilter filter) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(filter, "filter");
        List<String> distinct = labels.stream().distinct().toList();
        if (distinct.isEmpty()) {
            tx.connection();
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM (SELECT t.block_handle, t.task_item_id, t.subject,"
                + " t.status, t.owner_agent_id, t.position,"
                + " (SELECT count(*) FROM task_edges e WHERE e.scope = t.scope AND e.target_block = t.block_handle"
                + " AND e.target_item = t.task_item_id) AS blockers,"
                + " (SELECT count(*) FROM task_edges e WHERE e.scope = t.scope AND e.source_block = t.block_handle"
                + " AND e.source_item = t.task_item_id) AS blocking"
                + " FROM tasks t WHERE t.scope = ? AND t.block_handle IN (" + placeholders(distinct.size()) + ")");
        List<String> args = new ArrayList<>();
        args.add(scope.key());
        args.addAll(distinct);
        if (!filter.statuses().isEmpty()) {
            List<String> statuses = filter.statuses().stream().map(TaskStatus::id).sorted().toList();
            sql.append(" AND t.status IN (").append(placeholders(statuses.size())).append(')');
            args.addAll(statuses);
        }
        filter.owner().ifPresent(owner -> {
            sql.append(" AND t.owner_agent_id = ?");
            args.add(owner);
        });
        filter.keyword().ifPresent(keyword -> {
            sql.append(" AND t.id IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)");
            args.add(keyword);
        });
        sql.append(')');
        filter.hasBlockers().ifPresent(has -> sql.append(has ? " WHERE blockers > 0" : " WHERE blockers = 0"));
        sql.append(" ORDER BY block_handle, position");
        try (PreparedStatement ps = tx.connection().prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            List<TaskView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TaskView(EdgeRef.item(rs.getString(1), TaskId.parse(rs.getString(2))), rs.getString(3),
                            TaskStatus.parse(rs.getString(4)), Optional.ofNullable(rs.getString(5)),
                            rs.getInt("blockers"), rs.getInt("blocking")));
                }
            }
            return Collections.unmodifiableList(out);
        } catch (SQLException e) {
            if (filter.keyword().isPresent()) {
                throw SqlErrors.translateSearch(tx.file(), filter.keyword().get(), e);
            }
            throw tx.error("list tasks of " + scope, e);
        } catch (IllegalArgumentException e) {
            throw corrupt("a task row", e);
        }
    }

    @Override
    public boolean contains(Scope scope, EdgeRef ref) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(ref, "ref");
        String sql = ref.isItem()
                ? "SELECT 1 FROM tasks WHERE scope = ? AND block_handle = ? AND task_item_id = ?"
                : "SELECT 1 FROM task_lists WHERE scope = ? AND label = ?";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, scope.key());
            ps.setString(2, ref.block());
            if (ref.isItem()) {
                ps.setString(3, ref.item().orElseThrow().format());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw tx.error("look up task " + ref + " in " + scope, e);
        }
    }

    @Override
    public List<TaskId> items(Scope scope, String label) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(label, "label");
        String sql = "SELECT task_item_id FROM tasks WHERE scope = ? AND block_handle = ? ORDER BY position";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, scope.key());
            ps.setString(2, label);
            List<TaskId> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(TaskId.parse(rs.getString(1)));
                }
            }
            return Collections.unmodifiableList(out);
        } catch (SQLException e) {
            throw tx.error("list items of " + scope.key() + "/" + label, e);
        } catch (IllegalArgumentException e) {
            throw corrupt("a task row", e);
        }
    }

    @Override
    public List<GraphResult.Edge> edgesFrom(Scope scope, Collection<EdgeRef> sources) {
        Objects.requireNonNull(scope, "scope");
        List<GraphResult.Edge> out = new ArrayList<>();
        // one statement for the whole frontier: the refs go in as a JSON array, each one an index seek (CROSS JOIN
        // keeps json_each the outer loop; SQLite's planner would otherwise scan task_edges)
        edges(out, "json_each(?) j CROSS JOIN task_edges e ON e.scope = ?"
                + " AND e.source_block = substr(j.value, 1, instr(j.value, '#') - 1)"
                + " AND e.source_item = substr(j.value, instr(j.value, '#') + 1)", scope, itemRefs(sources));
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<GraphResult.Edge> edgesTo(Scope scope, Collection<EdgeRef> targets) {
        Objects.requireNonNull(scope, "scope");
        List<GraphResult.Edge> out = new ArrayList<>();
        edges(out, "json_each(?) j CROSS JOIN task_edges e ON e.scope = ?"
                + " AND e.target_block = substr(j.value, 1, instr(j.value, '#') - 1)"
                + " AND e.target_item = substr(j.value, instr(j.value, '#') + 1)", scope, itemRefs(targets));
        List<String> lists = targets.stream().filter(r -> !r.isItem()).map(EdgeRef::block).distinct().toList();
        edges(out, "json_each(?) j CROSS JOIN task_edges e ON e.scope = ? AND e.target_block = j.value AND e.target_item IS NULL",
                scope, lists);
        return Collections.unmodifiableList(out);
    }

    /** The item refs among {@code refs}, as {@code handle#item} text, in order, once each. */
    private static List<String> itemRefs(Collection<EdgeRef> refs) {
        Objects.requireNonNull(refs, "refs");
        return refs.stream().filter(EdgeRef::isItem).map(EdgeRef::toString).distinct().toList();
    }

    /** Edges of one frontier, in frontier order, then in index order (target or source). */
    private void edges(List<GraphResult.Edge> out, String from, Scope scope, List<String> values) {
        if (values.isEmpty()) {
            tx.connection();
            return;
        }
        String sql = "SELECT e.source_block, e.source_item, e.target_block, e.target_item FROM " + from;
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, jsonArray(values));
            ps.setString(2, scope.key());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    EdgeRef source = EdgeRef.item(rs.getString(1), TaskId.parse(rs.getString(2)));
                    String targetItem = rs.getString(4);
                    EdgeRef target = targetItem == null ? EdgeRef.block(rs.getString(3))
                            : EdgeRef.item(rs.getString(3), TaskId.parse(targetItem));
                    out.add(new GraphResult.Edge(source, target));
                }
            }
        } catch (SQLException e) {
            throw tx.error("read task edges of " + scope, e);
        } catch (IllegalArgumentException e) {
            throw corrupt("a task edge", e);
        }
    }

    /**
     * A JSON array of strings. Handles are block labels and ids are base32 (letters, digits, _ . / # -), so nothing
     * needs escaping; anything else is escaped anyway.
     */
    static String jsonArray(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (String v : values) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"');
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        }
        return sb.append(']').toString();
    }

    @Override
    public Optional<TaskId> maxId() {
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT max(task_item_id) FROM tasks");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            String id = rs.getString(1);
            return id == null ? Optional.empty() : Optional.of(TaskId.parse(id));
        } catch (SQLException e) {
            throw tx.error("read the largest task id", e);
        } catch (IllegalArgumentException e) {
            throw corrupt("a task row", e);
        }
    }

    private StoreException corrupt(String what, IllegalArgumentException e) {
        return new StoreException(StoreException.Reason.CORRUPT,
                "store " + tx.file() + ": " + what + " cannot be read: " + e.getMessage(), e);
    }

    private static void setNullable(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }

    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
