package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.store.SearchIndex;
import dev.trellis.api.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link SearchIndex} over {@code block_chunks_fts}, {@code archival_fts}, {@code tasks_fts} and
 * {@code agent_messages_fts}. Each index is asked for its best {@code limit} rows by {@code bm25()}; the
 * lists are merged by rank and cut to the limit. Blocks are indexed in chunks ({@link BlockChunks}): a block ranks by its best-matching chunk and
 * its snippet comes from that chunk; a query matches when one chunk matches it as a whole.
 * Blocks with schema {@code skill} are reported as {@link ContentType#SKILL}, task items (from the task
 * index, ref {@code handle#item}) as {@link ContentType#TASK}, all other blocks as {@link ContentType#BLOCK};
 * the JSON of a {@code task-list} block itself is not a hit (its items are); agents' messages as
 * {@link ContentType#MESSAGE} (ref = message id).
 */
final class SqlSearch implements SearchIndex {

    /** Column weights of block_chunks_fts (label, description, content): a label match counts double. */
    private static final String BLOCK_BM25 = "bm25(block_chunks_fts, 2.0, 1.0, 1.0)";
    /** Column weights of tasks_fts (subject, description, comments): a subject match counts double. */
    private static final String TASK_BM25 = "bm25(tasks_fts, 2.0, 1.0, 1.0)";
    private static final String SNIPPET_ARGS = "'**', '**', '…', 16)";

    private final SqliteTransaction tx;

    SqlSearch(SqliteTransaction tx) {
        this.tx = tx;
    }

    /** A hit before score normalization; {@code rank} is bm25(), lower is better. */
    private record Ranked(ContentType kind, Scope scope, String ref, double rank, String snippet) {
    }

    @Override
    public List<SearchHit> search(SearchQuery query) {
        Objects.requireNonNull(query, "query");
        List<Scope> scopes = query.scopes().stream().distinct().toList();
        if (scopes.isEmpty()) {
            tx.connection();
            return List.of();
        }
        Set<ContentType> types = query.types();
        List<Ranked> ranked = new ArrayList<>();
        boolean blocks = types.contains(ContentType.BLOCK);
        boolean skills = types.contains(ContentType.SKILL);
        try {
            if (blocks || skills) {
                String schemaFilter = blocks && skills ? "" : blocks ? " AND b.schema <> ?" : " AND b.schema = ?";
                // one row per matching chunk (filtered to live blocks in scope), then one per block:
                // the best chunk's rank, and (SQLite's bare-column rule for min()) that chunk's snippet
                String sql = "WITH hits AS MATERIALIZED (SELECT b.id, b.scope, b.label, b.schema, " + BLOCK_BM25 + " AS rank,"
                        + " snippet(block_chunks_fts, -1, " + SNIPPET_ARGS + " AS snip"
                        + " FROM block_chunks_fts JOIN block_chunks c ON c.id = block_chunks_fts.rowid"
                        + " JOIN blocks b ON b.id = c.block_id"
                        + " WHERE block_chunks_fts MATCH ? AND b.deleted = 0 AND b.scope IN (" + placeholders(scopes.size()) + ")"
                        + " AND b.schema <> '" + Schema.TASK_LIST.id() + "'" + schemaFilter + ")"
                        + " SELECT scope, label, schema, min(rank) AS rank, snip FROM hits GROUP BY id"
                        + " ORDER BY rank, scope, label LIMIT ?";
                try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
                    int i = bindScopes(ps, query.text(), scopes);
                    if (!schemaFilter.isEmpty()) {
                        ps.setString(i++, Schema.SKILL.id());
                    }
                    ps.setInt(i, query.limit());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ContentType kind = Schema.SKILL.id().equals(rs.getString("schema")) ? ContentType.SKILL
                                    : ContentType.BLOCK;
                            ranked.add(new Ranked(kind, Scope.parse(rs.getString("scope")), rs.getString("label"),
                                    rs.getDouble("rank"), rs.getString("snip")));
                        }
                    }
                }
            }
            if (types.contains(ContentType.ARCHIVAL)) {
                searchById(ContentType.ARCHIVAL, "archival_fts", "archival", query, scopes, ranked);
            }
            if (types.contains(ContentType.MESSAGE)) {
                searchById(ContentType.MESSAGE, "agent_messages_fts", "agent_messages", query, scopes, ranked);
            }
            if (types.contains(ContentType.TASK)) {
                ranked(ranked, "SELECT t.scope, t.block_handle, t.task_item_id, " + TASK_BM25 + " AS rank,"
                        + " snippet(tasks_fts, -1, " + SNIPPET_ARGS + " AS snip"
                        + " FROM tasks_fts JOIN tasks t ON t.id = tasks_fts.rowid"
                        + " WHERE tasks_fts MATCH ? AND t.scope IN (" + placeholders(scopes.size()) + ")"
                        + " ORDER BY rank LIMIT ?", query, scopes, rs -> new Ranked(ContentType.TASK,
                        Scope.parse(rs.getString("scope")), rs.getString("block_handle") + "#" + rs.getString("task_item_id"),
                        rs.getDouble("rank"), rs.getString("snip")));
            }
        } catch (SQLException e) {
            throw SqlErrors.translateSearch(tx.file(), query.text(), e);
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreException.Reason.CORRUPT,
                    "store " + tx.file() + ": search row cannot be read: " + e.getMessage(), e);
        }
        ranked.sort(Comparator.comparingDouble(Ranked::rank).thenComparing(r -> r.kind())
                .thenComparing(r -> r.scope().key()).thenComparing(Ranked::ref));
        List<SearchHit> hits = new ArrayList<>();
        double best = ranked.isEmpty() ? 0.0 : ranked.get(0).rank();
        for (Ranked r : ranked.subList(0, Math.min(ranked.size(), query.limit()))) {
            hits.add(new SearchHit(r.kind(), r.scope(), r.ref(), score(r.rank(), best), r.snippet() == null ? "" : r.snippet()));
        }
        return Collections.unmodifiableList(hits);
    }

    /** One result row as a ranked hit. */
    @FunctionalInterface
    private interface RowReader {
        Ranked read(ResultSet rs) throws SQLException;
    }

    /** Runs a ranked statement (MATCH text, scope keys, limit) and adds its rows. */
    private void ranked(List<Ranked> into, String sql, SearchQuery query, List<Scope> scopes, RowReader row)
            throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            int i = bindScopes(ps, query.text(), scopes);
            ps.setInt(i, query.limit());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.add(row.read(rs));
                }
            }
        }
    }

    /**
     * One single-column index over a table whose rows are hits by id ({@code archival}, {@code agent_messages}):
     * its best {@code limit} rows in the named scopes, the id as ref.
     */
    private void searchById(ContentType kind, String fts, String table, SearchQuery query, List<Scope> scopes,
            List<Ranked> ranked) throws SQLException {
        ranked(ranked, "SELECT t.scope, t.id, bm25(" + fts + ") AS rank, snippet(" + fts + ", 0, " + SNIPPET_ARGS + " AS snip"
                + " FROM " + fts + " JOIN " + table + " t ON t.id = " + fts + ".rowid"
                + " WHERE " + fts + " MATCH ? AND t.scope IN (" + placeholders(scopes.size()) + ") ORDER BY rank LIMIT ?",
                query, scopes, rs -> new Ranked(kind, Scope.parse(rs.getString("scope")), Long.toString(rs.getLong("id")),
                        rs.getDouble("rank"), rs.getString("snip")));
    }

    /**
     * bm25() is <= 0, more negative is better, and its scale depends on the corpus; relative to the
     * best hit of the list it becomes (0, 1], the best hit 1.0 (the SPI promises comparability within
     * one list only).
     */
    static double score(double bm25, double best) {
        if (!(best < 0.0)) {
            return 1.0;
        }
        return Math.min(1.0, Math.max(0.0, bm25 / best));
    }

    private static int bindScopes(PreparedStatement ps, String text, List<Scope> scopes) throws SQLException {
        ps.setString(1, text);
        int i = 2;
        for (Scope scope : scopes) {
            ps.setString(i++, scope.key());
        }
        return i;
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
