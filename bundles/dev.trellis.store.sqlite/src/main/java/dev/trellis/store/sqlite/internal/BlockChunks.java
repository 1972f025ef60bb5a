package dev.trellis.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts block content into the chunks that {@code block_chunks} (and through its triggers the FTS5
 * index {@code block_chunks_fts}) holds, and brings the stored chunks of one block in line with its
 * new content by writing only the chunks that differ.
 *
 * <p>Cutting is append-stable: a chunk ends at the first newline at or after {@link #MIN_CHARS}
 * characters, or at {@link #MAX_CHARS} characters if there is none before; both decisions look only
 * at characters before the cut. So for a content that only grew at its end every chunk but the last
 * is byte-identical, and an append rewrites the last chunk and adds new ones instead of re-indexing
 * the whole text.
 */
final class BlockChunks {

    /** A chunk is at least this long (UTF-16 chars) unless it is the last one. */
    static final int MIN_CHARS = 2048;
    /** Hard cut when there is no newline between {@link #MIN_CHARS} and this. */
    static final int MAX_CHARS = 4096;

    private BlockChunks() {
    }

    /**
     * @return the chunks of {@code content} in order; their concatenation is {@code content}. Never
     *         empty: an empty content is one empty chunk, so label and description stay searchable.
     */
    static List<String> cut(String content) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        int length = content.length();
        while (length - start > 0) {
            int end = end(content, start);
            chunks.add(content.substring(start, end));
            start = end;
        }
        if (chunks.isEmpty()) {
            chunks.add("");
        }
        return chunks;
    }

    /** End (exclusive) of the chunk starting at {@code start}; the rest of the text if it is not complete. */
    private static int end(String content, int start) {
        int length = content.length();
        // bounded scan (not indexOf): a long text without newlines must not be scanned to its end per chunk
        for (int i = start + MIN_CHARS - 1, stop = Math.min(length, start + MAX_CHARS); i < stop; i++) {
            if (content.charAt(i) == '\n') {
                return i + 1;
            }
        }
        if (length - start < MAX_CHARS) {
            return length; // not complete yet: more text may still end it at a newline
        }
        int cut = start + MAX_CHARS;
        // never split a surrogate pair (the decision depends only on characters before the cut)
        return Character.isHighSurrogate(content.charAt(cut - 1)) ? cut - 1 : cut;
    }

    /** Writes the chunks of a block that was just inserted. */
    static void insert(Connection c, long blockId, String label, String description, String content)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO block_chunks (block_id, chunk_no, label, description, content) VALUES (?, ?, ?, ?, ?)")) {
            List<String> chunks = cut(content);
            for (int i = 0; i < chunks.size(); i++) {
                bindInsert(ps, blockId, i, label, description, chunks.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Brings the stored chunks of a live block in line with its new label, description and content:
     * unchanged chunks are not touched (so the index is not either), changed ones are rewritten,
     * surplus ones deleted and missing ones inserted.
     */
    static void sync(Connection c, long blockId, String label, String description, String content)
            throws SQLException {
        record Stored(String label, String description, String content) {
        }
        Map<Integer, Stored> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT chunk_no, label, description, content FROM block_chunks WHERE block_id = ?")) {
            ps.setLong(1, blockId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getInt(1), new Stored(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        List<String> chunks = cut(content);
        try (PreparedStatement update = c.prepareStatement("UPDATE block_chunks SET label = ?, description = ?,"
                + " content = ? WHERE block_id = ? AND chunk_no = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO block_chunks"
                        + " (block_id, chunk_no, label, description, content) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < chunks.size(); i++) {
                Stored old = stored.get(i);
                String text = chunks.get(i);
                if (old == null) {
                    bindInsert(insert, blockId, i, label, description, text);
                    insert.executeUpdate();
                } else if (!old.equals(new Stored(label, description, text))) {
                    update.setString(1, label);
                    update.setString(2, description);
                    update.setString(3, text);
                    update.setLong(4, blockId);
                    update.setInt(5, i);
                    update.executeUpdate();
                }
            }
        }
        if (stored.size() > chunks.size() || stored.keySet().stream().anyMatch(n -> n >= chunks.size())) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM block_chunks WHERE block_id = ? AND chunk_no >= ?")) {
                ps.setLong(1, blockId);
                ps.setInt(2, chunks.size());
                ps.executeUpdate();
            }
        }
    }

    /** Migration step of V005: the chunks of every live block, from scratch. */
    static void rebuildAll(Connection c) throws SQLException {
        try (PreparedStatement clear = c.prepareStatement("DELETE FROM block_chunks")) {
            clear.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, label, description, content FROM blocks WHERE deleted = 0 ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                insert(c, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }
        }
    }

    private static void bindInsert(PreparedStatement ps, long blockId, int chunkNo, String label, String description,
            String text) throws SQLException {
        ps.setLong(1, blockId);
        ps.setInt(2, chunkNo);
        ps.setString(3, label);
        ps.setString(4, description);
        ps.setString(5, text);
    }
}
