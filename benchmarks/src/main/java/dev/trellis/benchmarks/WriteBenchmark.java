package dev.trellis.benchmarks;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.WriteResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1 of issue 4: persisted block writes per second through the memory service, beside a raw
 * sqlite-jdbc insert loop on a file with the same settings (WAL, synchronous=NORMAL). Each write is
 * one committed transaction on both sides. Goal: Trellis >= 0.5x raw.
 *
 * <ul>
 * <li>{@code trellisCreate}: {@code MemoryService.create} of a new 200-character text block (the store
 * transaction reads the address, clears stale history, inserts the block and its index chunk — the
 * FTS5 row follows by trigger — and records history).</li>
 * <li>{@code trellisSet}: {@code MemoryService.apply(Set)} on one existing block (read, update with
 * chunk rewrite with FTS5 delete+insert, history append and trim to depth 100), then publish to memory-sync (no
 * subscribers here).</li>
 * <li>{@code rawInsertBlock}: one transaction inserting the same row into the same {@code blocks}
 * table and its one index chunk into {@code block_chunks} (FTS5 row by trigger), statements prepared once.</li>
 * <li>{@code rawInsertBlockNoFts}: the same row into a copy of {@code blocks} with its unique address
 * index but without the FTS5 trigger: what the full-text index costs per commit.</li>
 * <li>{@code rawInsertPlain}: one autocommitted {@code INSERT} of (label, content) into a plain table
 * with no index or trigger, in the same file: the floor of a persisted write on these settings.</li>
 * </ul>
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class WriteBenchmark {

    static final Scope SCOPE = Scope.local("bench");
    static final BlockAddress HOT = BlockAddress.of(SCOPE, "hot");
    private static final int CONTENTS = 16;

    private final String[] contents = new String[CONTENTS];
    private final String[] hashes = new String[CONTENTS];
    private Path home;
    private TrellisMemory trellis;
    private MemoryService memory;
    private Connection raw;
    private PreparedStatement insertBlock;
    private PreparedStatement insertChunk;
    private PreparedStatement insertBlockNoFts;
    private PreparedStatement insertPlain;
    private String now;
    private long n;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        Corpus corpus = new Corpus();
        for (int i = 0; i < CONTENTS; i++) {
            contents[i] = corpus.document(1, i, 40).substring(0, 200);
            hashes[i] = sha256(contents[i]);
        }
        home = Sqlite.tempHome("write");
        // the store's activation creates and migrates the file; the raw baseline then uses that same file
        trellis = new TrellisMemory(home);
        memory = trellis.memoryFor("bench.writer");
        memory.create(BlockCreate.text(HOT, "the block trellisSet rewrites", contents[0]));
        raw = Sqlite.open(trellis.file(), false);
        try (Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE raw_plain (id INTEGER PRIMARY KEY, label TEXT NOT NULL, content TEXT NOT NULL)");
            // blocks' columns (with their defaults), its live-address index, no triggers
            s.execute("CREATE TABLE raw_blocks AS SELECT * FROM blocks WHERE 0");
            s.execute("CREATE UNIQUE INDEX raw_blocks_live_address ON raw_blocks (scope, label) WHERE deleted = 0");
        }
        insertBlock = raw.prepareStatement("INSERT INTO blocks (scope, label, tier, schema, description, char_limit,"
                + " permission, pinned, created_at, updated_at, last_author, revision, content, content_hash)"
                + " VALUES (?, ?, 'working', 'text', 'bench block', 5000, 'read_write', 0, ?, ?, 'plugin:bench.raw', 1, ?, ?)");
        insertBlockNoFts = raw.prepareStatement("INSERT INTO raw_blocks (scope, label, tier, schema, description,"
                + " char_limit, permission, pinned, created_at, updated_at, last_author, revision, content, content_hash,"
                + " deleted) VALUES (?, ?, 'working', 'text', 'bench block', 5000, 'read_write', 0, ?, ?, 'plugin:bench.raw',"
                + " 1, ?, ?, 0)");
        insertChunk = raw.prepareStatement("INSERT INTO block_chunks (block_id, chunk_no, label, description, content)"
                + " VALUES (last_insert_rowid(), 0, ?, 'bench block', ?)");
        insertPlain = raw.prepareStatement("INSERT INTO raw_plain (label, content) VALUES (?, ?)");
        now = Instant.now().toString();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        try {
            raw.close();
            trellis.close();
        } finally {
            Sqlite.delete(home);
        }
    }

    @Benchmark
    public WriteResult trellisCreate() {
        long i = ++n;
        return memory.create(BlockCreate.text(BlockAddress.of(SCOPE, "t" + i), "bench block", contents[(int) (i % CONTENTS)]));
    }

    @Benchmark
    public WriteResult trellisSet() {
        long i = ++n;
        return memory.apply(HOT, new MemoryOp.Set(contents[(int) (i % CONTENTS)]));
    }

    @Benchmark
    public int rawInsertBlock() throws SQLException {
        long i = ++n;
        int c = (int) (i % CONTENTS);
        insertBlock.setString(1, SCOPE.key());
        insertBlock.setString(2, "r" + i);
        insertBlock.setString(3, now);
        insertBlock.setString(4, now);
        insertBlock.setString(5, contents[c]);
        insertBlock.setString(6, hashes[c]);
        raw.setAutoCommit(false); // the block and its index chunk commit together, as in the store
        try {
            int rows = insertBlock.executeUpdate();
            insertChunk.setString(1, "r" + i);
            insertChunk.setString(2, contents[c]);
            insertChunk.executeUpdate();
            raw.commit();
            return rows;
        } finally {
            raw.setAutoCommit(true);
        }
    }

    @Benchmark
    public int rawInsertBlockNoFts() throws SQLException {
        long i = ++n;
        int c = (int) (i % CONTENTS);
        insertBlockNoFts.setString(1, SCOPE.key());
        insertBlockNoFts.setString(2, "r" + i);
        insertBlockNoFts.setString(3, now);
        insertBlockNoFts.setString(4, now);
        insertBlockNoFts.setString(5, contents[c]);
        insertBlockNoFts.setString(6, hashes[c]);
        return insertBlockNoFts.executeUpdate();
    }

    @Benchmark
    public int rawInsertPlain() throws SQLException {
        long i = ++n;
        insertPlain.setString(1, "p" + i);
        insertPlain.setString(2, contents[(int) (i % CONTENTS)]);
        return insertPlain.executeUpdate();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
