package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

final class Fixtures {

    static final Scope PROJECT = Scope.local("trellis");
    static final Scope PERSONA = Scope.global("@ada");
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    static final Author ADA = new Author.Agent("ada");

    private Fixtures() {
    }

    static SqliteDatabase open(Path file) {
        return SqliteDatabase.open(new SqliteDatabase.Settings(file, Duration.ofSeconds(10), 2));
    }

    static Block block(Scope scope, String label, String content, long revision) {
        return block(scope, label, Schema.TEXT, content, revision);
    }

    static Block block(Scope scope, String label, Schema schema, String content, long revision) {
        var meta = new BlockMetadata(BlockAddress.of(scope, label), Tier.WORKING, schema, "about " + label,
                BlockMetadata.DEFAULT_CHAR_LIMIT, Permission.READ_WRITE, false, T0, T0.plusSeconds(revision), ADA);
        return new Block(meta, content, revision, sha256(content));
    }

    /** Everything in {@link #PROJECT}. */
    static dev.trellis.api.memory.SearchQuery query(String text) {
        return new dev.trellis.api.memory.SearchQuery(text, java.util.EnumSet.allOf(dev.trellis.api.memory.ContentType.class),
                java.util.List.of(PROJECT), 10);
    }

    /**
     * FTS5's own check that each index matches its content (rank 1 = also compare with the external
     * content); it fails with "database disk image is malformed" if a row change missed the index.
     * Then: the chunks of every live block are exactly {@link BlockChunks#cut} of its content (with its
     * label and description), and soft-deleted blocks have none.
     */
    static void assertIndexesMatchRows(SqliteDatabase db) {
        db.inTransaction((dev.trellis.api.store.StoreTransaction tx) -> {
            var c = ((SqliteTransaction) tx).connection();
            try (var s = c.createStatement()) {
                s.execute("INSERT INTO block_chunks_fts (block_chunks_fts, rank) VALUES ('integrity-check', 1)");
                s.execute("INSERT INTO archival_fts (archival_fts, rank) VALUES ('integrity-check', 1)");
            } catch (java.sql.SQLException e) {
                throw new AssertionError("full-text index out of step with its rows: " + e.getMessage(), e);
            }
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT id, label, description, content, deleted FROM blocks ORDER BY id")) {
                while (rs.next()) {
                    String prefix = rs.getString(2) + "|" + rs.getString(3) + "|";
                    java.util.List<String> expected = rs.getInt(5) == 0
                            ? BlockChunks.cut(rs.getString(4)).stream().map(t -> prefix + t).toList()
                            : java.util.List.of();
                    if (!chunks(c, rs.getLong(1)).equals(expected)) {
                        throw new AssertionError("block chunks out of step with block " + rs.getString(2)
                                + " (deleted=" + rs.getInt(5) + ")");
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
            return null;
        });
    }

    /** label|description|content of each stored chunk of a block row, by chunk number. */
    static java.util.List<String> chunks(java.sql.Connection c, long blockId) throws java.sql.SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (var ps = c.prepareStatement("SELECT chunk_no, label, description, content FROM block_chunks"
                + " WHERE block_id = ? ORDER BY chunk_no")) {
            ps.setLong(1, blockId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(1) != out.size()) {
                        throw new AssertionError("block row " + blockId + ": chunk " + out.size() + " missing");
                    }
                    out.add(rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
                }
            }
        }
        return out;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
