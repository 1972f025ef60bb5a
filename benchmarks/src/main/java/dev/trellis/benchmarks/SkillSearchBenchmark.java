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
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillService;
import dev.trellis.skills.internal.SkillServiceImpl;
import dev.trellis.skills.internal.SkillsCore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
 * Issue 6: skill search over 5 000 skills (skill blocks of the shared scope, each a real skill file:
 * front matter with name, a 10-word description and 3 keywords, a 150-word body), latency p50/p99, as
 * an agent in project {@code local:bench} searches (its own scope, then the shared one), limit 10.
 *
 * <ul>
 * <li>{@code skillSearch}: {@code SkillService.search} — memory search of kind SKILL over both scopes,
 * then each hit's block read and turned into a {@code SkillInfo} (parsed skills are cached by content
 * hash, so in steady state this is a read, not a parse) and the scope's usage stats.</li>
 * <li>{@code memorySearch}: the layer below, {@code MemoryService.search} with kind SKILL.</li>
 * <li>{@code rawFts5} (baseline): the statement the store runs for it ({@code SqlSearch}'s block query
 * with the {@code schema = 'skill'} filter, verbatim), prepared once on a plain connection with the
 * store's PRAGMAs, every row read.</li>
 * </ul>
 * Queries are marker words planted in the bodies of 1 % ({@code heron}, 50 skills) and 10 %
 * ({@code kestrel}, 500 skills) of the skills.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SkillSearchBenchmark {

    static final int SKILLS = 5_000;
    static final String SKILLS_BSN = "dev.trellis.skills";
    static final Scope PROJECT = Scope.local("bench");

    /**
     * SqlSearch's block statement with the schema filter of a SKILL-only search: the statement of
     * {@link SearchBenchmark#RAW_BLOCKS} (kept in step with SqlSearch there) plus {@code b.schema = ?}.
     */
    static final String RAW_SKILLS = SearchBenchmark.RAW_BLOCKS.replace("b.scope IN (?, ?))",
            "b.scope IN (?, ?) AND b.schema = ?)");

    @Param({Corpus.TYPICAL, Corpus.BROAD})
    public String query;

    private Path home;
    private TrellisMemory trellis;
    private SkillsCore core;
    private SkillService skills;
    private MemoryService memory;
    private SearchQuery memoryQuery;
    private Connection raw;
    private PreparedStatement rawSkills;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        home = Sqlite.tempHome("skills");
        trellis = new TrellisMemory(home);
        fill(trellis);
        core = Components.activate(SkillsCore.class, trellis.memoryFor(SKILLS_BSN), trellis.store(),
                trellis.syncFor(SKILLS_BSN), Components.logger(),
                Components.bundleContext(Map.of("trellis.home", home.toString()), SKILLS_BSN));
        skills = Components.activate(SkillServiceImpl.class, core);
        memory = trellis.memoryFor("bench.agent");
        memoryQuery = new SearchQuery(query, EnumSet.of(ContentType.SKILL), List.of(PROJECT, SkillService.SHARED), 10);
        raw = Sqlite.open(trellis.file(), true);
        rawSkills = raw.prepareStatement(RAW_SKILLS);
        // the same answer on every path, or the comparison means nothing
        List<String> viaSkills = skills.search(PROJECT, query, 10).stream().map(SkillInfo::handle).toList();
        List<String> viaMemory = memory.search(memoryQuery).stream().map(SearchHit::ref).toList();
        List<String> viaRaw = rawLabels();
        if (viaSkills.size() != 10 || !viaSkills.equals(viaMemory) || !viaSkills.equals(viaRaw)) {
            throw new IllegalStateException("skill search '" + query + "': skills " + viaSkills + ", memory " + viaMemory
                    + ", raw " + viaRaw + " differ");
        }
    }

    /**
     * 5 000 skill blocks written through the store SPI, labelled {@code ad-hoc/<name>} in the shared
     * scope: no source owns that namespace, so the running {@code SkillsCore} leaves them alone (under
     * {@code first-party/} its first-party sync, which finds no files in the stand-in bundle, would
     * delete them).
     */
    static void fill(TrellisMemory trellis) {
        Corpus corpus = new Corpus();
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        Author author = new Author.Plugin(PluginId.of(SKILLS_BSN));
        trellis.store().inTransaction(tx -> {
            for (int i = 0; i < SKILLS; i++) {
                String name = String.format("skill-%05d", i);
                String description = corpus.document(4, i, 10).replace(".", "");
                String[] words = corpus.document(6, i, 3).replace(".", "").split(" ");
                String text = "---\nname: " + name + "\ndescription: " + description + "\nkeywords: [" + String.join(", ", words)
                        + "]\n---\n\n## Steps\n" + corpus.document(5, i, 150) + "\n";
                var meta = new BlockMetadata(BlockAddress.of(SkillService.SHARED, "ad-hoc/" + name), Tier.WORKING,
                        Schema.SKILL, description, Math.max(BlockMetadata.DEFAULT_CHAR_LIMIT, text.length()),
                        Permission.ADMIN, false, t, t, author);
                tx.blocks().insert(new Block(meta, text, 1, WriteBenchmark.sha256(text)));
            }
            return null;
        });
    }

    private List<String> rawLabels() throws SQLException {
        bind();
        List<String> labels = new ArrayList<>();
        try (ResultSet rs = rawSkills.executeQuery()) {
            while (rs.next()) {
                labels.add(rs.getString(2));
            }
        }
        return labels;
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        // still the full answer at the end: nothing removed the data while it was measured
        if (skills.search(PROJECT, query, 10).size() != 10) {
            throw new IllegalStateException("skill search '" + query + "' no longer finds 10 skills: the data changed"
                    + " during the run, the figures are void");
        }
        try {
            raw.close();
            Components.deactivate(core);
            trellis.close();
        } finally {
            Sqlite.delete(home);
        }
    }

    @Benchmark
    public List<SkillInfo> skillSearch() {
        return skills.search(PROJECT, query, 10);
    }

    @Benchmark
    public List<SearchHit> memorySearch() {
        return memory.search(memoryQuery);
    }

    @Benchmark
    public void rawFts5(Blackhole bh) throws SQLException {
        bind();
        try (ResultSet rs = rawSkills.executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getString(1));
                bh.consume(rs.getString(2));
                bh.consume(rs.getString(3));
                bh.consume(rs.getDouble(4));
                bh.consume(rs.getString(5));
            }
        }
    }

    private void bind() throws SQLException {
        rawSkills.setString(1, query);
        rawSkills.setString(2, PROJECT.key());
        rawSkills.setString(3, SkillService.SHARED.key());
        rawSkills.setString(4, Schema.SKILL.id());
        rawSkills.setInt(5, 10);
    }
}
