package dev.trellis.skills.internal;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.skills.Skill;
import dev.trellis.api.skills.SkillError;
import dev.trellis.api.skills.SkillException;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillMetadata;
import dev.trellis.api.skills.SkillSource;
import dev.trellis.api.skills.TrustTier;
import dev.trellis.api.skills.UsageStats;
import dev.trellis.api.store.SkillUsage;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreService;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.skills.internal.parse.SkillDocument;
import dev.trellis.skills.internal.parse.SkillFiles;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The read side of skills: turns skill blocks into {@link Skill}s (source and tier decided here), lists,
 * searches, loads and reports usage. Parsed skills are cached by block address and content hash, so
 * listing many skills does not parse them again until they change.
 *
 * <p>Reads go to the store, each call in one read transaction (a search reads its hits, their blocks
 * and their usage from one snapshot). This bundle's {@code MemoryService} is unbound and sees every
 * scope, so the store shows exactly what it would; writes always go through {@code MemoryService}.
 *
 * <p><b>Source and tier of a stored block.</b> A block in a source's namespace counts as that source's
 * only while this bundle wrote its current revision; a block anyone else wrote (an agent's edit, a
 * plugin's block) is ad-hoc until the source's text is written back. Then the tier rule of reference
 * §4: a declared {@code plugin-installed} is kept (counted and logged), any other declared tier gives
 * way to the source's.
 */
final class SkillCatalog {

    private static final int CACHE_SIZE = 10_000;
    private static final Pattern WORD = Pattern.compile("\\S+");

    private record Parsed(String contentHash, Skill skill, SkillException error) {
    }

    private final StoreService store;
    private final SourceRegistry sources;
    private final Reconciler reconciler;
    private final Clock clock;
    private final SkillLog log;
    private final AtomicLong declaredPluginTier = new AtomicLong();
    private final Map<BlockAddress, Parsed> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BlockAddress, Parsed> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    SkillCatalog(StoreService store, SourceRegistry sources, Reconciler reconciler, Clock clock, SkillLog log) {
        this.log = Objects.requireNonNull(log, "log");
        this.store = Objects.requireNonNull(store, "store");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    long declaredPluginTierCount() {
        return declaredPluginTier.get();
    }

    // ---- assembling skills

    /** Where a stored skill block came from (see class comment). */
    SkillSource sourceOf(BlockMetadata m) {
        BlockAddress a = m.address();
        if (!reconciler.ownedBySelf(m)) {
            return new SkillSource.AdHoc();
        }
        if (SkillNames.FIRST_PARTY_SPACE.contains(a)) {
            return new SkillSource.FirstParty();
        }
        Optional<PluginId> plugin = SkillNames.pluginOf(a);
        if (plugin.isPresent() && SkillNames.plugin(plugin.get()).contains(a)) {
            return new SkillSource.Plugin(plugin.get());
        }
        if (a.scope() instanceof Scope.Local project && SkillNames.project(project).contains(a)) {
            String name = a.label().substring(SkillNames.PROJECT.length());
            String path = sources.owner(a).map(s -> s.paths().get(name)).orElse(name + ".md");
            return new SkillSource.Project(project, path);
        }
        return new SkillSource.AdHoc();
    }

    /**
     * The skill with the tier in effect: the source's, or a declared {@code plugin-installed}.
     *
     * @param where names the skill in the warning logged for a declared plugin tier
     */
    Skill assemble(String handle, SkillDocument d, SkillSource source, String where) {
        TrustTier fromSource = source.tier();
        TrustTier tier = fromSource;
        if (d.declaredTier().orElse(null) == TrustTier.PLUGIN_INSTALLED && fromSource != TrustTier.PLUGIN_INSTALLED) {
            declaredPluginTier.incrementAndGet();
            log.warn("skill " + where + " declares trust_tier: plugin-installed but comes from "
                    + fromSource.id() + "; the declared (lower) tier is kept"
                    + " (counter skill.plugin_installed_tier_without_plugin_system)");
            tier = TrustTier.PLUGIN_INSTALLED;
        }
        Optional<PluginId> plugin = source instanceof SkillSource.Plugin p ? Optional.of(p.plugin()) : d.sourcePlugin();
        SkillMetadata meta = new SkillMetadata(d.name(), tier, d.description(), d.keywords(), d.hooksJson(), plugin,
                d.extras());
        return new Skill(handle, meta, source, d.body());
    }

    /** The block as a skill; @throws SkillException {@code Malformed} (the block's address is the file) */
    Skill skillOf(Block block) {
        Parsed p;
        synchronized (cache) {
            p = cache.get(block.address());
        }
        if (p == null || !p.contentHash().equals(block.contentHash())) {
            p = parse(block);
            synchronized (cache) {
                cache.put(block.address(), p);
            }
        }
        if (p.error() != null) {
            throw p.error();
        }
        // the source depends on who last wrote the block, which the content hash does not cover
        SkillSource now = sourceOf(block.metadata());
        if (!now.equals(p.skill().source())) {
            p = parse(block);
        }
        if (p.error() != null) {
            throw p.error();
        }
        return p.skill();
    }

    private Parsed parse(Block block) {
        String where = block.address().toString();
        try {
            SkillDocument d = SkillFiles.parse(where, block.content());
            return new Parsed(block.contentHash(), assemble(block.address().label(), d, sourceOf(block.metadata()), where),
                    null);
        } catch (SkillException e) {
            return new Parsed(block.contentHash(), null, e);
        }
    }

    // ---- lookups

    /** The scopes a caller in {@code scope} sees skills of: its own, then the shared one. */
    static List<Scope> visible(Scope scope) {
        return scope.equals(SkillNames.SHARED) ? List.of(scope) : List.of(scope, SkillNames.SHARED);
    }

    /** The block a handle names for a caller in {@code scope}: an address, or a label in scope then shared. */
    Optional<Block> resolve(Scope scope, String handle) {
        return store.read(tx -> resolve(tx, scope, handle));
    }

    private static Optional<Block> resolve(StoreTransaction tx, Scope scope, String handle) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(handle, "handle");
        if (handle.indexOf(':') >= 0) {
            return parseAddress(handle).flatMap(a -> tx.blocks().find(a));
        }
        if (!BlockAddress.LABEL.matcher(handle).matches()) {
            return Optional.empty();
        }
        for (Scope s : visible(scope)) {
            Optional<Block> b = tx.blocks().find(BlockAddress.of(s, handle));
            if (b.isPresent()) {
                return b;
            }
        }
        return Optional.empty();
    }

    Optional<Skill> get(Scope scope, String handle) {
        return resolve(scope, handle).filter(b -> b.metadata().schema() == Schema.SKILL).map(this::skillOf);
    }

    String load(Scope scope, String handle, String agentId) {
        Objects.requireNonNull(agentId, "agentId");
        if (agentId.isBlank()) {
            throw new IllegalArgumentException("agentId is blank");
        }
        Block block = resolve(scope, handle)
                .orElseThrow(() -> new SkillException(new SkillError.NotFound(handle)));
        if (block.metadata().schema() != Schema.SKILL) {
            throw new SkillException(new SkillError.NotASkill(handle));
        }
        String text = LoadText.render(skillOf(block));
        Instant now = clock.instant();
        store.inTransaction(tx -> tx.skillUsage().recordUse(block.address(), agentId, now));
        return text;
    }

    List<SkillInfo> list(Scope scope) {
        List<SkillInfo> out = store.read(tx -> {
            List<SkillInfo> found = new ArrayList<>();
            for (Scope s : visible(scope)) {
                Map<String, SkillUsage> usage = usageByLabel(tx, s);
                for (BlockMetadata m : tx.blocks().list(ListFilter.in(s).withSchema(Schema.SKILL))) {
                    tx.blocks().find(m.address()).flatMap(b -> info(b, usage)).ifPresent(found::add);
                }
            }
            return found;
        });
        out.sort(Comparator.comparing(SkillInfo::name).thenComparing(SkillInfo::handle));
        return out;
    }

    /** Every stored skill block, read and parsed (for admin surfaces), in scope and label order. */
    void all(BiConsumer<BlockAddress, Skill> good, BiConsumer<BlockAddress, SkillException> bad) {
        List<Block> blocks = store.read(tx -> tx.blocks().list(ListFilter.ALL.withSchema(Schema.SKILL)).stream()
                .flatMap(m -> tx.blocks().find(m.address()).stream()).toList());
        for (Block b : blocks) {
            Skill skill;
            try {
                skill = skillOf(b);
            } catch (SkillException e) {
                bad.accept(b.address(), e);
                continue;
            }
            good.accept(b.address(), skill);
        }
    }

    /**
     * One read transaction: the store's BM25 search of kind SKILL over the visible scopes, each hit's
     * block and usage. (This bundle's view of memory is unbound, so reading through the store sees what
     * {@code MemoryService} would, as one consistent snapshot instead of a transaction per hit.)
     */
    List<SkillInfo> search(Scope scope, String query, int limit) {
        Objects.requireNonNull(query, "query");
        if (limit < 1) {
            throw new IllegalArgumentException("search limit must be >= 1, was " + limit);
        }
        if (query.isBlank()) {
            throw new IllegalArgumentException("search query is blank");
        }
        int capped = Math.min(limit, SearchQuery.MAX_LIMIT);
        try {
            return searchOnce(scope, query, capped);
        } catch (StoreException e) {
            if (e.reason() != StoreException.Reason.BAD_QUERY) {
                throw e;
            }
            // not valid full-text syntax (e.g. "fix-auth"): search the words as quoted terms
            return searchOnce(scope, quoted(query), capped);
        }
    }

    private List<SkillInfo> searchOnce(Scope scope, String query, int limit) {
        SearchQuery q = new SearchQuery(query, EnumSet.of(ContentType.SKILL), visible(scope), limit);
        return store.read(tx -> {
            List<SkillInfo> out = new ArrayList<>();
            for (SearchHit hit : tx.search().search(q)) {
                BlockAddress a = BlockAddress.of(hit.scope(), hit.ref());
                Map<String, SkillUsage> usage = tx.skillUsage().find(a).map(u -> Map.of(a.label(), u)).orElse(Map.of());
                tx.blocks().find(a).flatMap(b -> info(b, usage)).ifPresent(out::add);
            }
            return out;
        });
    }

    /** Each word of {@code query} as an FTS5 string ({@code "} doubled), so any text is a valid query. */
    static String quoted(String query) {
        List<String> words = new ArrayList<>();
        WORD.matcher(query).results().forEach(m -> words.add("\"" + m.group().replace("\"", "\"\"") + "\""));
        return String.join(" ", words);
    }

    /** The listing of a skill block; empty if it is not a skill or does not parse (admin surfaces report those). */
    private Optional<SkillInfo> info(Block block, Map<String, SkillUsage> usage) {
        if (block.metadata().schema() != Schema.SKILL) {
            return Optional.empty();
        }
        Skill s;
        try {
            s = skillOf(block);
        } catch (SkillException e) {
            return Optional.empty();
        }
        SkillMetadata m = s.metadata();
        return Optional.of(new SkillInfo(s.handle(), m.name(), m.description(), m.trustTier(), m.keywords(),
                Optional.ofNullable(usage.get(block.address().label())).map(SkillUsage::lastUsed)));
    }

    private static Map<String, SkillUsage> usageByLabel(StoreTransaction tx, Scope scope) {
        Map<String, SkillUsage> out = new HashMap<>();
        tx.skillUsage().inScope(scope).forEach(u -> out.put(u.skill().label(), u));
        return out;
    }

    // ---- usage

    UsageStats usage(String handle) {
        Objects.requireNonNull(handle, "handle");
        Optional<BlockAddress> address = handle.indexOf(':') >= 0 ? parseAddress(handle)
                : labelIn(SkillNames.SHARED, handle);
        return address.map(a -> stats(handle, a)).orElse(UsageStats.never(handle));
    }

    UsageStats usage(Scope scope, String handle) {
        return resolve(scope, handle).map(b -> stats(handle, b.address())).orElseGet(() -> usage(handle));
    }

    private UsageStats stats(String handle, BlockAddress address) {
        return store.read(tx -> tx.skillUsage().find(address))
                .map(u -> new UsageStats(handle, u.useCount(), Optional.of(u.lastUsed()), Optional.of(u.lastUsedBy())))
                .orElse(UsageStats.never(handle));
    }

    private static Optional<BlockAddress> parseAddress(String text) {
        try {
            return Optional.of(BlockAddress.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<BlockAddress> labelIn(Scope scope, String label) {
        return Optional.of(label).filter(Predicate.not(String::isEmpty)).filter(l -> BlockAddress.LABEL.matcher(l).matches())
                .map(l -> BlockAddress.of(scope, l));
    }
}
