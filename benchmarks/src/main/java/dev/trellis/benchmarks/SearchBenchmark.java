package dev.trellis.benchmarks;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.plugin.PluginId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark 2 of issue 4: one search over 100 000 blocks and 100 000 archival entries (half in
 * {@code local:bench}, half in {@code global:@bench}, about 40 and 60 words each), latency p50/p99,
 * beside the same two FTS5 statements issued directly with sqlite-jdbc. Goal: Trellis <= 1.2x raw.
 *
 * <ul>
 * <li>{@code trellisSearch}: {@code MemoryService.search} naming both scopes, all content types,
 * limit 10 (service → engine → store read transaction → SqlSearch's two ranked queries, merge,
 * score).</li>
 * <li>{@code trellisStoreSearch}: the store layer alone ({@code StoreService.read(tx.search())}).</li>
 * <li>{@code rawFts5}: SqlSearch's two SQL statements (bm25 with the same column weights, snippet,
 * join, scope filter, ORDER BY rank LIMIT 10), prepared once on a plain connection with the
 * same PRAGMAs, every row read.</li>
 * <li>{@code trellisSearchUnscoped}: the same search without naming scopes; the unbound service then
 * lists the scopes holding blocks first (see the memory README), which reads every block row.</li>
 * </ul>
 * The query is a single word planted in 1 % ({@code heron}, ~2 000 matching rows) or 10 %
 * ({@code kestrel}, ~20 000 matching rows) of all rows; FTS5 computes bm25 for every match.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SearchBenchmark {

    static final int BLOCKS = 100_000;
    static final int ARCHIVAL = 100_000;
    static final List<Scope> SCOPES = List.of(Scope.local("bench"), Scope.global("@bench"));
    private static final int BATCH = 5_000;

    /** SqlSearch's statements, verbatim (keep in step with dev.trellis.store.sqlite.internal.SqlSearch). */
    static final String RAW_BLOCKS = "WITH hits AS MATERIALIZED (SELECT b.id, b.scope, b.label, b.schema,"
            + " bm25(block_chunks_fts, 2.0, 1.0, 1.0) AS rank,"
            + " snippet(block_chunks_fts, -1, '**', '**', '…', 16) AS snip"
            + " FROM block_chunks_fts JOIN block_chunks c ON c.id = block_chunks_fts.rowid"
            + " JOIN blocks b ON b.id = c.block_id"
            + " WHERE block_chunks_fts MATCH ? AND b.deleted = 0 AND b.scope IN (?, ?) AND b.schema <> 'task-list')"
            + " SELECT scope, label, schema, min(rank) AS rank, snip FROM hits GROUP BY id"
            + " ORDER BY rank, scope, label LIMIT ?";
    static final String RAW_ARCHIVAL = "SELECT a.scope, a.id, bm25(archival_fts) AS rank,"
            + " snippet(archival_fts, 0, '**', '**', '…', 16) AS snip"
            + " FROM archival_fts JOIN archival a ON a.id = archival_fts.rowid"
            + " WHERE archival_fts MATCH ? AND a.scope IN (?, ?) ORDER BY rank LIMIT ?";

    /** Names the cached data; change it when {@link #fill} or {@link Corpus} changes. */
    static final String DATA_VERSION = "search-100k-v2"; // v2: schema V005 (chunked block index)

    @Param({Corpus.TYPICAL, Corpus.BROAD})
    public String query;

    private Path home;
    private TrellisMemory trellis;
    private MemoryService memory;
    private SearchQuery scoped;
    private SearchQuery unscoped;
    private Connection raw;
    private PreparedStatement rawBlocks;
    private PreparedStatement rawArchival;

    @Setup(Level.Trial)
    public void open() throws SQLException, IOException {
        home = Sqlite.tempHome("search");
        // each fork searches its own copy of the data, built once per machine (it takes a while)
        Files.copy(dataFile(), home.resolve("trellis.db"));
        trellis = new TrellisMemory(home);
        memory = trellis.memoryFor("bench.searcher");
        scoped = new SearchQuery(query, EnumSet.allOf(ContentType.class), SCOPES, 10);
        unscoped = new SearchQuery(query, EnumSet.allOf(ContentType.class), List.of(), 10);
        raw = Sqlite.open(trellis.file(), true);
        rawBlocks = raw.prepareStatement(RAW_BLOCKS);
        rawArchival = raw.prepareStatement(RAW_ARCHIVAL);
        // the same answer on both paths, or the comparison means nothing
        List<SearchHit> hits = memory.search(scoped);
        java.util.Set<String> rawRefs = rawRefs();
        if (hits.size() != 10 || rawRefs.size() != 20
                || !hits.stream().allMatch(h -> rawRefs.contains(h.kind() + " " + h.scope().key() + " " + h.ref()))) {
            throw new IllegalStateException("search '" + query + "': Trellis hits " + hits + " are not the best of the raw"
                    + " statements' rows " + rawRefs);
        }
    }

    /** The rows of both raw statements as "BLOCK|ARCHIVAL scope ref". */
    private java.util.Set<String> rawRefs() throws SQLException {
        java.util.Set<String> refs = new java.util.HashSet<>();
        bind(rawBlocks);
        try (ResultSet rs = rawBlocks.executeQuery()) {
            while (rs.next()) {
                refs.add(ContentType.BLOCK + " " + rs.getString(1) + " " + rs.getString(2));
            }
        }
        bind(rawArchival);
        try (ResultSet rs = rawArchival.executeQuery()) {
            while (rs.next()) {
                refs.add(ContentType.ARCHIVAL + " " + rs.getString(1) + " " + rs.getLong(2));
            }
        }
        return refs;
    }

    /**
     * The search data file: built on first use into {@code trellis.bench.cache} (default
     * {@code <java.io.tmpdir>/trellis-bench-cache}), then reused by every fork and run. Delete that
     * directory after changing the store's schema or this data.
     */
    static Path dataFile() {
        Path dir = Path.of(System.getProperty("trellis.bench.cache",
                Path.of(System.getProperty("java.io.tmpdir"), "trellis-bench-cache").toString()));
        Path file = dir.resolve(DATA_VERSION).resolve("trellis.db");
        if (Files.exists(file)) {
            return file;
        }
        Path build = Sqlite.tempHome("search-build");
        try {
            try (TrellisMemory t = new TrellisMemory(build)) {
                fill(t);
            }
            // closing the last connection checkpoints the WAL into the main file; then publish it atomically
            if (Files.exists(build.resolve("trellis.db-wal"))) {
                throw new IllegalStateException("search data " + build + ": WAL left behind after closing the store");
            }
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), "trellis", ".db.partial");
            Files.copy(build.resolve("trellis.db"), partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the search data " + file, e);
        } finally {
            Sqlite.delete(build);
        }
    }

    /** 100k blocks + 100k archival entries through the store SPI, in transactions of 5 000 rows. */
    static void fill(TrellisMemory trellis) {
        Corpus corpus = new Corpus();
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        Author author = new Author.Plugin(PluginId.of("bench.loader"));
        for (int start = 0; start < Math.max(BLOCKS, ARCHIVAL); start += BATCH) {
            int from = start;
            trellis.store().inTransaction(tx -> {
                for (int i = from; i < from + BATCH; i++) {
                    Scope scope = SCOPES.get(i % 2);
                    if (i < BLOCKS) {
                        String content = corpus.document(2, i, 40);
                        var meta = new BlockMetadata(BlockAddress.of(scope, "note-" + i), Tier.WORKING, Schema.TEXT,
                                "note " + i, BlockMetadata.DEFAULT_CHAR_LIMIT, Permission.READ_WRITE, false, t, t, author);
                        tx.blocks().insert(new Block(meta, content, 1, WriteBenchmark.sha256(content)));
                    }
                    if (i < ARCHIVAL) {
                        tx.archival().insert(scope, corpus.document(3, i, 60), Optional.empty());
                    }
                }
                return null;
            });
        }
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
    public List<SearchHit> trellisSearch() {
        return memory.search(scoped);
    }

    @Benchmark
    public List<SearchHit> trellisStoreSearch() {
        return trellis.store().read(tx -> tx.search().search(scoped));
    }

    @Benchmark
    public List<SearchHit> trellisSearchUnscoped() {
        return memory.search(unscoped);
    }

    @Benchmark
    public void rawFts5(Blackhole bh) throws SQLException {
        bind(rawBlocks);
        try (ResultSet rs = rawBlocks.executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getString(1));
                bh.consume(rs.getString(2));
                bh.consume(rs.getString(3));
                bh.consume(rs.getDouble(4));
                bh.consume(rs.getString(5));
            }
        }
        bind(rawArchival);
        try (ResultSet rs = rawArchival.executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getString(1));
                bh.consume(rs.getLong(2));
                bh.consume(rs.getDouble(3));
                bh.consume(rs.getString(4));
            }
        }
    }

    private void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, query);
        ps.setString(2, SCOPES.get(0).key());
        ps.setString(3, SCOPES.get(1).key());
        ps.setInt(4, 10);
    }
}
