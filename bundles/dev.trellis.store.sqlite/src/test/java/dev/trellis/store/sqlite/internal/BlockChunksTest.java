package dev.trellis.store.sqlite.internal;

import static dev.trellis.store.sqlite.internal.Fixtures.PROJECT;
import static dev.trellis.store.sqlite.internal.Fixtures.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.store.StoreTransaction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Block text indexed in append-stable chunks (migration V005, {@link BlockChunks}). */
class BlockChunksTest extends OpenDatabaseTest {

    private static final BlockAddress LOG = BlockAddress.of(PROJECT, "log");

    @Test
    void cuttingIsAppendStableOverRandomAppends() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            StringBuilder content = new StringBuilder();
            List<String> before = BlockChunks.cut("");
            assertThat(before).containsExactly("");
            for (int step = 0; step < 300; step++) {
                content.append(randomText(random, random.nextInt(random.nextBoolean() ? 40 : 900)));
                List<String> after = BlockChunks.cut(content.toString());
                String where = "seed " + seed + ", step " + step;
                // all chunks but the last stay byte-identical; the last may only grow
                assertThat(after.subList(0, before.size() - 1)).as(where).isEqualTo(before.subList(0, before.size() - 1));
                assertThat(after.get(before.size() - 1)).as(where).startsWith(before.getLast());
                assertThat(String.join("", after)).as(where).isEqualTo(content.toString());
                for (String chunk : after.subList(0, after.size() - 1)) {
                    // complete chunks end at a newline (length in [MIN, MAX]) or are hard cuts (MAX, or MAX-1 before a pair)
                    assertThat(chunk.length()).as(where).isBetween(
                            chunk.endsWith("\n") ? BlockChunks.MIN_CHARS : BlockChunks.MAX_CHARS - 1, BlockChunks.MAX_CHARS);
                    assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).as(where).isFalse();
                }
                assertThat(after.getLast().length()).as(where).isBetween(0, BlockChunks.MAX_CHARS);
                before = after;
            }
        }
    }

    /** Letters, spaces, sometimes a newline, sometimes a character outside the BMP (a surrogate pair). */
    private static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            int r = random.nextInt(100);
            if (r < 2) {
                out.append('\n');
            } else if (r < 4) {
                out.appendCodePoint(0x1F600 + random.nextInt(40));
            } else if (r < 20) {
                out.append(' ');
            } else {
                out.append((char) ('a' + random.nextInt(26)));
            }
        }
        return out.toString();
    }

    @Test
    void chunksEndAtTheFirstNewlineAfterTheMinimumOrAtTheMaximum() {
        String line = "x".repeat(999) + "\n"; // 1000 chars per line
        assertThat(BlockChunks.cut(line.repeat(9))).extracting(String::length).containsExactly(3000, 3000, 3000);
        assertThat(BlockChunks.cut("y".repeat(10_000))).extracting(String::length).containsExactly(4096, 4096, 1808);
        String pairAtTheCut = "z".repeat(BlockChunks.MAX_CHARS - 1) + "😀" + "z";
        assertThat(BlockChunks.cut(pairAtTheCut)).extracting(String::length).containsExactly(4095, 3);
    }

    @Test
    void twentyThousandAppendsRewriteOnlyTheTailAndStaySearchable() throws Exception {
        insert(block(PROJECT, "log", "", 1));
        db.inTransaction((StoreTransaction tx) -> {
            // counts chunk writes on the writer connection (TEMP: never in the file)
            execute(tx, "CREATE TEMP TABLE chunk_writes (inserts INTEGER, updates INTEGER, deletes INTEGER)",
                    "INSERT INTO chunk_writes VALUES (0, 0, 0)",
                    "CREATE TEMP TRIGGER count_inserts AFTER INSERT ON main.block_chunks BEGIN"
                            + " UPDATE chunk_writes SET inserts = inserts + 1; END",
                    "CREATE TEMP TRIGGER count_updates AFTER UPDATE ON main.block_chunks BEGIN"
                            + " UPDATE chunk_writes SET updates = updates + 1; END",
                    "CREATE TEMP TRIGGER count_deletes AFTER DELETE ON main.block_chunks BEGIN"
                            + " UPDATE chunk_writes SET deletes = deletes + 1; END");
            return null;
        });
        int appends = 20_000;
        StringBuilder content = new StringBuilder();
        long started = System.nanoTime();
        for (int n = 0; n < appends; n++) {
            content.append(String.format("w%05d ", n)); // 7 chars, as in MemoryConcurrencyTest
            long revision = n + 2;
            String text = content.toString();
            // each append its own transaction, as the memory bundle does it
            boolean updated = db.inTransaction((StoreTransaction tx) -> tx.blocks().update(block(PROJECT, "log", text, revision), revision - 1));
            assertThat(updated).isTrue();
        }
        System.out.printf("BlockChunksTest: %d appends on one block in %d ms%n", appends, (System.nanoTime() - started) / 1_000_000);

        // 140,000 chars without newlines: 34 hard cuts of 4096 and a tail of 736
        assertThat(content.length()).isEqualTo(140_000);
        long[] writes = db.inTransaction((StoreTransaction tx) -> {
            try (Statement s = connection(tx).createStatement();
                    ResultSet rs = s.executeQuery("SELECT inserts, updates, deletes FROM chunk_writes")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
        // The empty chunk was there; 34 appends started a chunk, and every append rewrote the tail except
        // the 4 that followed a content of exactly k * 4096 chars (7n = 4096k at n = 4096, 8192, 12288,
        // 16384), whose tail chunk was complete: each append touched at most two chunks, never the others.
        assertThat(writes).containsExactly(34, appends - 4, 0);
        assertThat(chunkCount()).isEqualTo(35);
        assertThat(refs("w00000")).containsExactly("log");
        assertThat(refs("w19999")).containsExactly("log");
        assertThat(refs("w10000")).containsExactly("log");
        Fixtures.assertIndexesMatchRows(db);
    }

    @Test
    void aWordOnlyInALateChunkIsFoundWithItsSnippet() {
        String filler = "plain filler line about nothing in particular\n".repeat(400); // ~18 KB, several chunks
        insert(block(PROJECT, "journal", filler + "the quokka appeared at the very end", 1),
                block(PROJECT, "short", "no such animal here", 1));
        List<SearchHit> hits = db.read((StoreTransaction tx) -> tx.search().search(Fixtures.query("quokka")));
        assertThat(hits).extracting(SearchHit::ref).containsExactly("journal");
        assertThat(hits.getFirst().snippet()).contains("**quokka**");
        // a block matching in many chunks is still one hit
        assertThat(refs("filler")).containsExactly("journal");
        assertThat(chunkCountOf("journal")).isGreaterThan(4);
    }

    @Test
    void theBestMatchingChunkRanksTheBlockAndGivesTheSnippet() {
        String filler = "plain filler line about nothing in particular\n".repeat(100);
        // "weak" mentions tomato once in a long chunk; "strong" has a short chunk full of it
        insert(block(PROJECT, "weak", filler + "tomato " + filler, 1),
                block(PROJECT, "strong", filler + filler + "tomato tomato tomato salad", 1));
        List<SearchHit> hits = db.read((StoreTransaction tx) -> tx.search().search(Fixtures.query("tomato")));
        assertThat(hits).extracting(SearchHit::ref).containsExactly("strong", "weak");
        assertThat(hits.getFirst().snippet()).contains("**tomato**").contains("salad");
    }

    @Test
    void shrinkingAndDescriptionChangesReindexEveryAffectedChunk() {
        String big = "alpha beta gamma\n".repeat(1000);
        insert(block(PROJECT, "notes", big + "omega", 1));
        int before = chunkCountOf("notes");
        var m = Fixtures.block(PROJECT, "notes", "", 1).metadata();
        var renamed = new BlockMetadata(m.address(), m.tier(), m.schema(), "a description about capybaras", m.charLimit(),
                m.permission(), m.pinned(), m.createdAt(), m.updatedAt(), m.lastAuthor());
        db.inTransaction((StoreTransaction tx) -> tx.blocks().update(new Block(renamed, big, 2, Fixtures.sha256(big)), 1));
        assertThat(refs("capybaras")).containsExactly("notes");
        assertThat(refs("omega")).isEmpty();
        // the description is in every chunk, so it combines with content words of any chunk
        assertThat(refs("capybaras AND gamma")).containsExactly("notes");
        Fixtures.assertIndexesMatchRows(db);

        db.inTransaction((StoreTransaction tx) -> tx.blocks().update(new Block(renamed, "tiny", 3, Fixtures.sha256("tiny")), 2));
        assertThat(before).isGreaterThan(1);
        assertThat(chunkCountOf("notes")).isEqualTo(1);
        assertThat(refs("gamma")).isEmpty();
        assertThat(refs("tiny")).containsExactly("notes");
        Fixtures.assertIndexesMatchRows(db);
    }

    @Test
    void rollbackLeavesChunksAndIndexUnchanged() throws Exception {
        String big = "first part of the story\n".repeat(300);
        insert(block(PROJECT, "story", big, 1));
        List<String> chunks = storedChunks("story");
        var failure = new IllegalStateException("fails on purpose");
        assertThatThrownBy(() -> db.inTransaction((StoreTransaction tx) -> {
            tx.blocks().update(block(PROJECT, "story", big + "a dragon arrives\n".repeat(300), 2), 1);
            tx.blocks().insert(block(PROJECT, "other", "dragon", 1));
            assertThat(tx.search().search(Fixtures.query("dragon"))).hasSize(2);
            throw failure;
        })).isSameAs(failure);
        assertThat(storedChunks("story")).isEqualTo(chunks);
        assertThat(refs("dragon")).isEmpty();
        assertThat(refs("story")).containsExactly("story");
        Fixtures.assertIndexesMatchRows(db);
    }

    @Test
    void aVersion4FileIsMigratedToChunks() throws Exception {
        db.close();
        Path old = dir.resolve("v4.db");
        String big = "old line of text\n".repeat(800) + "the last word is pangolin";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
            for (Migration m : Migrations.load().subList(0, 4)) {
                s.executeUpdate(m.sql());
            }
            s.execute("PRAGMA user_version = 4");
            String insert = "INSERT INTO blocks (scope, label, tier, schema, description, char_limit, permission, pinned,"
                    + " revision, content, content_hash, created_at, updated_at, last_author, deleted)"
                    + " VALUES (?, ?, 'working', 'text', ?, 5000, 'read_write', 0, 1, ?, 'h', '2026-01-01T00:00:00Z',"
                    + " '2026-01-01T00:00:00Z', 'agent:ada', ?)";
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                Object[][] rows = {{"big", "about big", big, 0}, {"small", "about small", "a small pangolin", 0},
                    {"gone", "about gone", "deleted pangolin", 1}, {"empty", "findable by description", "", 0}};
                for (Object[] row : rows) {
                    ps.setString(1, PROJECT.key());
                    ps.setString(2, (String) row[0]);
                    ps.setString(3, (String) row[1]);
                    ps.setString(4, (String) row[2]);
                    ps.setInt(5, (Integer) row[3]);
                    ps.executeUpdate();
                }
            }
            // the V004 index had the live rows
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM blocks_fts WHERE blocks_fts MATCH 'pangolin'")) {
                assertThat(rs.next() && rs.getInt(1) == 2).isTrue();
            }
        }
        db = Fixtures.open(old);
        assertThat(db.schemaVersion()).isEqualTo(Migrations.newest(Migrations.load()));
        assertThat(SqliteDatabaseTest.objects(old)).contains("block_chunks", "block_chunks_fts").doesNotContain("blocks_fts");
        assertThat(refs("pangolin")).containsExactlyInAnyOrder("big", "small");
        assertThat(refs("findable")).containsExactly("empty");
        assertThat(chunkCountOf("big")).isEqualTo(BlockChunks.cut(big).size()).isGreaterThan(3);
        Fixtures.assertIndexesMatchRows(db);
        // and it keeps working as a V005 file
        db.inTransaction((StoreTransaction tx) -> tx.blocks().update(block(PROJECT, "small", "a small armadillo", 2), 1));
        assertThat(refs("armadillo")).containsExactly("small");
        Fixtures.assertIndexesMatchRows(db);
    }

    private List<String> refs(String query) {
        return db.read((StoreTransaction tx) -> tx.search().search(Fixtures.query(query))).stream().map(SearchHit::ref).toList();
    }

    private int chunkCount() {
        return chunkCountOf(LOG.label());
    }

    private int chunkCountOf(String label) {
        return storedChunks(label).size();
    }

    private List<String> storedChunks(String label) {
        return db.read((StoreTransaction tx) -> {
            Connection c = connection(tx);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM blocks WHERE scope = ? AND label = ? AND deleted = 0")) {
                ps.setString(1, PROJECT.key());
                ps.setString(2, label);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("block " + label).isTrue();
                    return Fixtures.chunks(c, rs.getLong(1));
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static Connection connection(StoreTransaction tx) {
        return ((SqliteTransaction) tx).connection();
    }

    private static void execute(StoreTransaction tx, String... statements) {
        try (Statement s = connection(tx).createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
