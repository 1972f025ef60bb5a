package dev.trellis.skills.internal;

import static dev.trellis.skills.internal.SkillsFixture.skill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.skills.Skill;
import dev.trellis.api.skills.SkillError;
import dev.trellis.api.skills.SkillException;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillSource;
import dev.trellis.api.skills.SkillSourceStatus;
import dev.trellis.api.skills.TrustTier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SkillService on the real store and memory engine: sources, tiers (AC7), the SDK (AC8), load (AC9). */
class SkillServiceTest {

    static final Scope SHARED = SkillNames.SHARED;
    static final Scope.Local PROJECT = new Scope.Local("demo");

    static final String FIX_AUTH = """
            ---
            name: fix-authentication
            trust_tier: first-party
            description: Repair a broken login flow
            keywords: [auth, login]
            hooks:
              on_load: [{action: remind, text: check tokens}]
            ---

            ## Overview
            Rotate the signing key, then clear the session cache.
            """;

    @TempDir
    Path dir;
    SkillsFixture f;

    @BeforeEach
    void start() {
        f = new SkillsFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Block block(Scope scope, String label) {
        return f.agent.read(BlockAddress.of(scope, label)).orElseThrow();
    }

    @Test
    void firstPartySkillsAreStoredAsSkillBlocksWithTheirTier() throws Exception {
        f.firstParty("fix-authentication.md", FIX_AUTH, "README.md", "not a skill");
        Block b = block(SHARED, "first-party/fix-authentication");
        assertThat(b.metadata().schema()).isEqualTo(Schema.SKILL);
        assertThat(b.metadata().description()).isEqualTo("Repair a broken login flow");
        assertThat(b.content()).isEqualTo(FIX_AUTH);
        List<SkillInfo> all = f.service.list(SHARED);
        assertThat(all).extracting(SkillInfo::handle).containsExactly("first-party/fix-authentication");
        assertThat(all.getFirst().trustTier()).isEqualTo(TrustTier.FIRST_PARTY);
        assertThat(all.getFirst().keywords()).containsExactly("auth", "login");
        assertThat(all.getFirst().lastUsed()).isEmpty();
    }

    @Test
    void anUnchangedSourceWritesNothingAndAChangeWritesOnce() throws Exception {
        f.firstParty("fix-authentication.md", FIX_AUTH);
        long revision = block(SHARED, "first-party/fix-authentication").revision();
        f.firstParty("fix-authentication.md", FIX_AUTH.replace("\n", "\r\n"));
        f.firstParty("fix-authentication.md", FIX_AUTH);
        assertThat(block(SHARED, "first-party/fix-authentication").revision()).isEqualTo(revision);
        f.firstParty("fix-authentication.md", FIX_AUTH.replace("Rotate", "Renew"));
        Block changed = block(SHARED, "first-party/fix-authentication");
        assertThat(changed.revision()).isEqualTo(revision + 1);
        assertThat(changed.content()).contains("Renew the signing key");
        f.firstParty("fix-authentication.md", FIX_AUTH.replace("Repair a broken", "Mend a"));
        assertThat(block(SHARED, "first-party/fix-authentication").metadata().description()).isEqualTo("Mend a login flow");
        f.firstParty();
        assertThat(f.agent.read(BlockAddress.of(SHARED, "first-party/fix-authentication"))).isEmpty();
    }

    @Test
    void tiersComeFromTheSource() throws Exception {
        // AC7.1 first-party dir, AC7.2 project dir, AC7.3 created at run time, AC7.4/7.5 declared plugin-installed kept
        f.firstParty("fix-authentication.md", FIX_AUTH, "lower.md", skill("lower", "d", "x").replace(
                "name: lower", "name: lower\ntrust_tier: plugin-installed"));
        f.core.submit(new SourceRegistry.Source(ProjectSkills.sourceId(PROJECT), TrustTier.PROJECT_LOCAL, "/p/skills",
                SkillNames.project(PROJECT), Map.of("local-one", new Wanted(skill("local-one", "d", "b")
                .replace("name: local-one", "name: local-one\ntrust_tier: first-party"), "d", "/p/skills/local-one.md")),
                java.util.Set.of(), List.of(), Map.of("local-one", "local-one.md")));
        f.idle();
        BlockAddress adHoc = SkillTools.createAdHoc(f.core, PROJECT, skill("scratch", "made now", "b"), "tool");
        f.agent.create(new BlockCreate(BlockAddress.of(PROJECT, "notes/by-agent"), Tier.WORKING, Schema.SKILL, "", 5000,
                Permission.DEFAULT, false, skill("by-agent", "put by an agent", "b")));

        assertThat(f.service.get(SHARED, "first-party/fix-authentication").orElseThrow().metadata().trustTier())
                .isEqualTo(TrustTier.FIRST_PARTY);
        Skill local = f.service.get(PROJECT, "skills/local-one").orElseThrow();
        assertThat(local.metadata().trustTier()).isEqualTo(TrustTier.PROJECT_LOCAL);
        assertThat(local.source()).isEqualTo(new SkillSource.Project(PROJECT, "local-one.md"));
        assertThat(f.service.get(PROJECT, adHoc.label()).orElseThrow().metadata().trustTier()).isEqualTo(TrustTier.AD_HOC);
        assertThat(f.service.get(PROJECT, "notes/by-agent").orElseThrow().metadata().trustTier()).isEqualTo(TrustTier.AD_HOC);
        long before = f.service.pluginInstalledTierWithoutPlugin();
        Skill lower = f.service.get(SHARED, "first-party/lower").orElseThrow();
        assertThat(lower.metadata().trustTier()).isEqualTo(TrustTier.PLUGIN_INSTALLED);
        assertThat(lower.source()).isEqualTo(new SkillSource.FirstParty());
        assertThat(f.service.pluginInstalledTierWithoutPlugin()).isGreaterThanOrEqualTo(Math.max(1, before));
        assertThat(f.logged).contains("WARN skill global:_skills/first-party/lower declares trust_tier: plugin-installed"
                + " but comes from first-party; the declared (lower) tier is kept (counter"
                + " skill.plugin_installed_tier_without_plugin_system)");
        // AC7.6
        assertThatThrownBy(() -> f.service.parse("x.md", "---\nname: x\ntrust_tier: root\n---\n", new SkillSource.AdHoc()))
                .isInstanceOfSatisfying(SkillException.class, e -> assertThat(e.error()).isInstanceOf(SkillError.Malformed.class))
                .hasMessageStartingWith("x.md:3:13: trust_tier: unknown trust tier 'root'");
    }

    @Test
    void pluginSkillsComeAndGoWithTheirPlugin() throws Exception {
        PluginId plugin = PluginId.of("org.example.skills");
        f.core.submit(SkillsCore.PluginSource.source(plugin, "org.example.skills:/skills",
                SkillsFixture.files("org.example.skills:/skills/", "commit-message.md", skill("commit-message", "Write it", "b")),
                List.of()));
        f.idle();
        Skill s = f.service.get(SHARED, "plugin/org.example.skills/commit-message").orElseThrow();
        assertThat(s.metadata().trustTier()).isEqualTo(TrustTier.PLUGIN_INSTALLED);
        assertThat(s.metadata().sourcePlugin()).contains(plugin);
        assertThat(f.service.sources()).extracting(SkillSourceStatus::id).contains("plugin:org.example.skills");
        f.core.withdraw(SkillsCore.PluginSource.id(plugin));
        f.idle();
        assertThat(f.service.list(SHARED)).isEmpty();
        assertThat(f.service.sources()).extracting(SkillSourceStatus::id).doesNotContain("plugin:org.example.skills");
    }

    @Test
    void skillsOfPluginsThatDoNotComeBackAreRemovedAfterTheGracePeriod() throws Exception {
        f.close();
        try (SkillsFixture first = new SkillsFixture(dir)) {
            first.core.submit(SkillsCore.PluginSource.source(PluginId.of("gone.plugin"), "gone.plugin:/skills",
                    SkillsFixture.files("gone.plugin:/skills/", "left-over.md", skill("left-over", "d", "b")), List.of()));
            first.idle();
        }
        f = new SkillsFixture(dir, Duration.ZERO);
        f.idle();
        assertThat(f.agent.read(BlockAddress.of(SHARED, "plugin/gone.plugin/left-over"))).isEmpty();
    }

    @Test
    void anEditOutsideTheSourceIsAdHocUntilTheSourceTextIsBack() throws Exception {
        f.firstParty("fix-authentication.md", FIX_AUTH);
        BlockAddress a = BlockAddress.of(SHARED, "first-party/fix-authentication");
        long revision = block(SHARED, a.label()).revision();
        f.agent.apply(a, new MemoryOp.Set(FIX_AUTH.replace("Rotate", "Leak")));
        // memory-sync tells the core; it writes the first-party text back as a new revision
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> block(SHARED, a.label()).content().equals(FIX_AUTH));
        f.idle();
        Block restored = block(SHARED, a.label());
        assertThat(restored.revision()).isEqualTo(revision + 2);
        assertThat(restored.metadata().lastAuthor().render()).isEqualTo("plugin dev.trellis.skills");
        assertThat(f.service.get(SHARED, a.label()).orElseThrow().metadata().trustTier()).isEqualTo(TrustTier.FIRST_PARTY);
        f.agent.apply(a, new MemoryOp.Delete());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> f.agent.read(a).map(Block::content).orElse("").equals(FIX_AUTH));
    }

    @Test
    void theReadSideSeesAForeignEditAsAdHoc() throws Exception {
        f.firstParty("fix-authentication.md", FIX_AUTH);
        BlockAddress a = BlockAddress.of(SHARED, "first-party/fix-authentication");
        Block mine = block(SHARED, a.label());
        var foreign = new dev.trellis.api.memory.BlockMetadata(a, Tier.WORKING, Schema.SKILL, "", 5000, Permission.DEFAULT,
                false, mine.metadata().createdAt(), mine.metadata().updatedAt(),
                new dev.trellis.api.memory.Author.Agent("mallory"));
        assertThat(f.core.catalog().sourceOf(foreign)).isEqualTo(new SkillSource.AdHoc());
        assertThat(f.core.catalog().sourceOf(mine.metadata())).isEqualTo(new SkillSource.FirstParty());
    }

    @Test
    void metadataKeepsHooksAndIsEmptyForNonSkills() throws Exception {
        // AC8.2, AC8.3
        f.firstParty("fix-authentication.md", FIX_AUTH);
        f.agent.create(BlockCreate.text(BlockAddress.of(PROJECT, "notes"), "", "plain text"));
        assertThat(f.service.metadata(PROJECT, "first-party/fix-authentication").orElseThrow().hooksJson())
                .contains("{\"on_load\":[{\"action\":\"remind\",\"text\":\"check tokens\"}]}");
        assertThat(f.service.metadata(PROJECT, "notes")).isEmpty();
        assertThat(f.service.metadata(PROJECT, "nothing/here")).isEmpty();
        assertThat(f.service.metadata(PROJECT, "not a label")).isEmpty();
    }

    @Test
    void loadErrorsNameTheHandle() throws Exception {
        // AC8.5, AC8.6
        f.agent.create(BlockCreate.text(BlockAddress.of(PROJECT, "notes"), "", "plain text"));
        assertThatThrownBy(() -> f.service.load(PROJECT, "missing", "ada"))
                .isInstanceOfSatisfying(SkillException.class,
                        e -> assertThat(e.error()).isEqualTo(new SkillError.NotFound("missing")));
        assertThatThrownBy(() -> f.service.load(PROJECT, "notes", "ada"))
                .isInstanceOfSatisfying(SkillException.class,
                        e -> assertThat(e.error()).isEqualTo(new SkillError.NotASkill("notes")));
        f.agent.create(new BlockCreate(BlockAddress.of(PROJECT, "broken"), Tier.WORKING, Schema.SKILL, "", 5000,
                Permission.DEFAULT, false, "---\nname: [oops\n---\n"));
        assertThatThrownBy(() -> f.service.load(PROJECT, "broken", "ada"))
                .isInstanceOfSatisfying(SkillException.class, e -> {
                    assertThat(e.error()).isInstanceOf(SkillError.Malformed.class);
                    assertThat(((SkillError.Malformed) e.error()).error().file()).isEqualTo("local:demo/broken");
                });
        assertThat(f.service.usage(PROJECT, "broken").useCount()).isZero();
    }

    @Test
    void loadRendersTheSkillAndCountsOnlyInTheStore() throws Exception {
        // AC9.1 snapshot, AC9.3 (block untouched), AC9.3b fresh stats
        f.firstParty("fix-authentication.md", FIX_AUTH);
        Block before = block(SHARED, "first-party/fix-authentication");
        String text = f.service.load(PROJECT, "first-party/fix-authentication", "ada");
        assertThat(text).isEqualTo("""
                [skill:loaded] name="fix-authentication" trust_tier="first-party"

                ## Overview
                Rotate the signing key, then clear the session cache.

                [skill:loaded:end]""");
        var stats = f.service.usage("first-party/fix-authentication");
        assertThat(stats.useCount()).isEqualTo(1);
        assertThat(stats.lastUsedBy()).contains("ada");
        assertThat(stats.lastUsed()).isPresent();
        assertThat(f.service.usage(PROJECT, "first-party/fix-authentication")).isEqualTo(stats);
        assertThat(f.service.usage("global:_skills/first-party/fix-authentication").useCount()).isEqualTo(1);
        assertThat(f.service.list(SHARED).getFirst().lastUsed()).isEqualTo(stats.lastUsed());
        Block after = block(SHARED, "first-party/fix-authentication");
        assertThat(after.revision()).isEqualTo(before.revision());
        assertThat(after.contentHash()).isEqualTo(before.contentHash());
        assertThat(after.metadata().updatedAt()).isEqualTo(before.metadata().updatedAt());
        assertThat(f.service.usage("never-loaded").useCount()).isZero();
    }

    @Test
    void loadsKeepTheirOrderAndTwiceGivesTwoCopies() throws Exception {
        // AC9.4, AC9.5
        f.firstParty("a-skill.md", skill("a-skill", "A", "alpha body"), "b-skill.md", skill("b-skill", "B", "beta body"));
        List<String> turn = List.of(f.service.load(SHARED, "first-party/a-skill", "ada"),
                f.service.load(SHARED, "first-party/b-skill", "ada"), f.service.load(SHARED, "first-party/a-skill", "bob"));
        String joined = String.join("\n", turn);
        assertThat(joined.indexOf("alpha body")).isLessThan(joined.indexOf("beta body"));
        assertThat(joined.split("\\[skill:loaded] name=\"a-skill\"", -1)).hasSize(3);
        assertThat(joined.split("\\[skill:loaded:end]", -1)).hasSize(4);
        assertThat(f.service.usage("first-party/a-skill").useCount()).isEqualTo(2);
        assertThat(f.service.usage("first-party/a-skill").lastUsedBy()).contains("bob");
        assertThat(f.service.usage("first-party/b-skill").useCount()).isEqualTo(1);
    }

    @Test
    void searchRanksByBm25OverNameDescriptionKeywordsAndBody() throws Exception {
        // AC8.4
        f.firstParty(
                "pelican-guide.md", skill("pelican-guide", "unrelated", "nothing"),
                "described.md", skill("described", "all about pelican", "x"),
                "keyworded.md", "---\nname: keyworded\nkeywords: [pelican]\n---\nx",
                "bodied.md", skill("bodied", "d", "pelican pelican pelican in the body"),
                "other.md", skill("other", "d", "no match"));
        List<String> found = f.service.search(SHARED, "pelican", 10).stream().map(SkillInfo::name).toList();
        assertThat(found).containsExactlyInAnyOrder("pelican-guide", "described", "keyworded", "bodied");
        // the handle (label) carries the name and counts double in the store's BM25 weights
        assertThat(found.getFirst()).isEqualTo("pelican-guide");
        assertThat(f.service.search(SHARED, "pelican", 2)).hasSize(2);
        // not valid full-text syntax: searched as quoted words
        assertThat(f.service.search(SHARED, "pelican-guide", 10)).extracting(SkillInfo::name).contains("pelican-guide");
        assertThat(f.service.search(PROJECT, "pelican", 10)).hasSize(4);
    }

    @Test
    void oneMemorySearchReturnsTextAndSkillHitsRankedTogether() throws Exception {
        f.core.submit(new SourceRegistry.Source(ProjectSkills.sourceId(PROJECT), TrustTier.PROJECT_LOCAL, "/p",
                SkillNames.project(PROJECT), Map.of("heron-care", new Wanted(skill("heron-care", "d",
                        "heron heron heron heron"), "d", "/p/heron-care.md")), java.util.Set.of(), List.of(), Map.of()));
        f.idle();
        f.agent.create(BlockCreate.text(BlockAddress.of(PROJECT, "notes"), "", "a heron was seen"));
        List<SearchHit> hits = f.agent.search(new SearchQuery("heron", EnumSet.allOf(ContentType.class), List.of(PROJECT), 10));
        assertThat(hits).extracting(SearchHit::kind).containsExactly(ContentType.SKILL, ContentType.BLOCK);
        assertThat(hits).extracting(SearchHit::ref).containsExactly("skills/heron-care", "notes");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }

    @Test
    void adminListsSourcesAdHocSkillsAndBrokenBlocks() throws Exception {
        f.firstParty("fix-authentication.md", FIX_AUTH, "bad.md", "---\nname: bad\nkeywords: x\n---\n");
        SkillTools.createAdHoc(f.core, SHARED, skill("scratch", "d", "b"), "tool");
        f.agent.create(new BlockCreate(BlockAddress.of(PROJECT, "broken"), Tier.WORKING, Schema.SKILL, "", 5000,
                Permission.DEFAULT, false, "no front matter"));
        List<SkillSourceStatus> sources = f.service.sources();
        assertThat(sources).extracting(SkillSourceStatus::id).containsExactly("first-party", "ad-hoc");
        SkillSourceStatus fp = sources.get(0);
        assertThat(fp.handles()).containsExactly("first-party/fix-authentication");
        assertThat(fp.problems()).singleElement().hasToString(
                "dev.trellis.skills:/skills/bad.md:3:11: keywords: expected a list of strings, got a string (write keywords:"
                        + " [auth, login])");
        SkillSourceStatus adHoc = sources.get(1);
        assertThat(adHoc.handles()).containsExactly("ad-hoc/scratch");
        assertThat(adHoc.problems()).singleElement().extracting(p -> p.file()).isEqualTo("local:demo/broken");
    }

    @Test
    void createAdHocRefusesBadTextAndDuplicates() {
        assertThatThrownBy(() -> SkillTools.createAdHoc(f.core, SHARED, "---\nname: x\nkeywords: 1\n---\n", "call-1"))
                .hasMessage("call-1:3:11: keywords: expected a list of strings, got an integer (write keywords: [auth, login])");
        SkillTools.createAdHoc(f.core, SHARED, skill("once", "d", "b"), "call-2");
        assertThatThrownBy(() -> SkillTools.createAdHoc(f.core, SHARED, skill("once", "d", "b"), "call-3"))
                .hasMessageContaining("already exists");
        assertThat(f.service.get(SHARED, "ad-hoc/once")).map(s -> s.metadata().trustTier()).contains(TrustTier.AD_HOC);
        assertThat(f.service.get(SHARED, "ad-hoc/once").orElseThrow().source()).isEqualTo(new SkillSource.AdHoc());
    }
}
