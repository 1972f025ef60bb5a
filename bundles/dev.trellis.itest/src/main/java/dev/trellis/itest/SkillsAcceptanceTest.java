package dev.trellis.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.skills.SkillError;
import dev.trellis.api.skills.SkillException;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillService;
import dev.trellis.api.skills.SkillSource;
import dev.trellis.api.skills.TrustTier;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The skills acceptance criteria of reference §9.2 (task-skill AC6-AC9) on the running host bundles,
 * through the {@code SkillService} and the skill {@code Tool} services an agent runtime would call, plus
 * one memory search that ranks a text block and a skill together.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class SkillsAcceptanceTest {

    static final Scope SHARED = Scope.global("_skills");
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @InjectBundleContext
    BundleContext ctx;

    @InjectService(timeout = 10_000)
    SkillService skills;

    @InjectService(timeout = 10_000)
    MemoryService memory;

    @InjectService(timeout = 10_000)
    ConfigurationAdmin cm;

    private ToolResult tool(String name, String arguments) {
        java.util.Collection<ServiceReference<Tool>> refs;
        try {
            refs = ctx.getServiceReferences(Tool.class, "(" + Tool.NAME + "=" + name + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        assertThat(refs).as("tool " + name).hasSize(1);
        ServiceReference<Tool> ref = refs.iterator().next();
        try {
            return ctx.getService(ref).invoke(new ToolCall("itest-call", "itest-agent", arguments));
        } finally {
            ctx.ungetService(ref);
        }
    }

    @Test
    void firstPartySkillsShipWithTheBundle() {
        // AC7.1: the skills bundle's own skills are first-party
        List<SkillInfo> shared = skills.list(SHARED);
        assertThat(shared).filteredOn(s -> s.handle().startsWith("first-party/")).extracting(SkillInfo::handle)
                .contains("first-party/memory-blocks", "first-party/writing-skills");
        assertThat(skills.get(SHARED, "first-party/memory-blocks").orElseThrow().source()).isEqualTo(new SkillSource.FirstParty());
        assertThat(skills.metadata(SHARED, "first-party/writing-skills").orElseThrow().trustTier()).isEqualTo(TrustTier.FIRST_PARTY);
    }

    @Test
    void theSkillToolsFollowTheReference() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        Scope project = Scope.local("itest-skills-ac-" + run);
        String scope = "\"scope\":\"" + project.key() + "\"";
        String text = "---\\nname: osprey-" + run + "\\ndescription: Watch ospreys\\nkeywords: [raptor]\\n"
                + "hooks:\\n  on_load:\\n    - {action: remind}\\nx-color: brown\\n---\\n\\nLook up.\\n";
        // AC7.3: created at run time -> ad-hoc
        ToolResult created = tool("skill_create", "{" + scope + ",\"text\":\"" + text + "\"}");
        assertThat(created.error()).as(created.content()).isFalse();
        String handle = "ad-hoc/osprey-" + run;
        // AC8.1 list, AC8.2 metadata keeps hooks (and extras, AC6.3/6.4)
        assertThat(tool("skill_list", "{" + scope + "}").content()).contains("\"handle\":\"" + handle + "\"",
                "\"trust_tier\":\"ad-hoc\"", "\"handle\":\"first-party/memory-blocks\"");
        assertThat(tool("skill_metadata", "{" + scope + ",\"handle\":\"" + handle + "\"}").content())
                .contains("\"hooks\":{\"on_load\":[{\"action\":\"remind\"}]}", "\"extras\":{\"x-color\":\"brown\"}");
        // AC8.3 non-skill -> null; AC8.5 missing; AC8.6 not a skill
        memory.create(BlockCreate.text(BlockAddress.of(project, "notes"), "", "osprey notes"));
        assertThat(tool("skill_metadata", "{" + scope + ",\"handle\":\"notes\"}").content()).isEqualTo("null");
        assertThat(tool("skill_load", "{" + scope + ",\"handle\":\"ghost\"}")).isEqualTo(ToolResult.failure("skill 'ghost' not found"));
        assertThat(tool("skill_load", "{" + scope + ",\"handle\":\"notes\"}"))
                .isEqualTo(ToolResult.failure("block 'notes' is not a skill"));
        // AC8.4 search
        assertThat(tool("skill_search", "{" + scope + ",\"query\":\"raptor\"}").content()).contains(handle);

        Block before = memory.read(BlockAddress.of(project, handle)).orElseThrow();
        // AC9.1 exact text, AC9.4 order, AC9.5 twice -> two markers
        String first = tool("skill_load", "{" + scope + ",\"handle\":\"" + handle + "\"}").content();
        String other = tool("skill_load", "{" + scope + ",\"handle\":\"first-party/memory-blocks\"}").content();
        String again = tool("skill_load", "{" + scope + ",\"handle\":\"" + handle + "\"}").content();
        assertThat(first).isEqualTo("[skill:loaded] name=\"osprey-" + run + "\" trust_tier=\"ad-hoc\"\n\nLook up.\n\n"
                + "[skill:loaded:end]");
        assertThat(again).isEqualTo(first);
        assertThat(other).startsWith("[skill:loaded] name=\"memory-blocks\" trust_tier=\"first-party\"");
        // AC9.3 only the store changed; AC9.3b fresh stats
        Block after = memory.read(BlockAddress.of(project, handle)).orElseThrow();
        assertThat(after.revision()).isEqualTo(before.revision());
        assertThat(after.contentHash()).isEqualTo(before.contentHash());
        assertThat(tool("skill_usage", "{" + scope + ",\"handle\":\"" + handle + "\"}").content())
                .contains("\"use_count\":2", "\"last_used_by\":\"itest-agent\"");
        assertThat(skills.usage(project, handle).useCount()).isEqualTo(2);
    }

    @Test
    void loadingAProjectFileAHundredTimesLeavesTheFileAlone() throws Exception {
        // AC9.6: the skill file is byte-for-byte the same and not touched (what `git status` looks at)
        String run = Long.toString(System.nanoTime(), 36);
        Scope.Local project = new Scope.Local("itest-skills-load-" + run);
        Path dir = Files.createTempDirectory("trellis-itest-load-").toRealPath();
        Path file = dir.resolve("petrel.md");
        Files.writeString(file, SkillJars.skill("petrel", "Petrels", "Over the sea."));
        Configuration config = cm.getFactoryConfiguration("dev.trellis.skills.project", run, "?");
        config.update(new Hashtable<>(Map.of("project", project.id(), "directory", dir.toString())));
        try {
            BlockAddress a = BlockAddress.of(project, "skills/petrel");
            await("indexed").atMost(TIMEOUT).until(() -> memory.read(a), Optional::isPresent);
            byte[] bytes = Files.readAllBytes(file);
            var modified = Files.getLastModifiedTime(file);
            long revision = memory.read(a).orElseThrow().revision();
            for (int i = 0; i < 100; i++) {
                assertThat(skills.load(project, "skills/petrel", "agent-" + (i % 4))).endsWith("[skill:loaded:end]");
            }
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
            assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.toList()).containsExactly(file);
            }
            assertThat(memory.read(a).orElseThrow().revision()).isEqualTo(revision);
            assertThat(skills.usage(project, "skills/petrel").useCount()).isEqualTo(100);
            assertThat(skills.get(project, "skills/petrel").orElseThrow().source())
                    .isEqualTo(new SkillSource.Project(project, "petrel.md"));
        } finally {
            config.delete();
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void oneSearchRanksTextBlocksAndSkillsTogether() {
        String run = Long.toString(System.nanoTime(), 36);
        Scope project = Scope.local("itest-skills-search-" + run);
        String word = MemoryFixtures.uniqueWord("cormorant");
        memory.create(BlockCreate.text(BlockAddress.of(project, "notes"), "", "one " + word + " seen"));
        memory.create(new BlockCreate(BlockAddress.of(project, "ad-hoc/diving"), Tier.WORKING, Schema.SKILL, "", 5000,
                Permission.DEFAULT, false, SkillJars.skill("diving", "How " + word + "s dive", word + " " + word + " " + word)));
        List<SearchHit> hits = memory.search(new SearchQuery(word, EnumSet.allOf(ContentType.class), List.of(project), 10));
        assertThat(hits).extracting(SearchHit::kind, SearchHit::ref).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ContentType.SKILL, "ad-hoc/diving"),
                org.assertj.core.groups.Tuple.tuple(ContentType.BLOCK, "notes"));
        assertThat(hits.get(0).score()).isEqualTo(1.0);
        assertThat(hits.get(1).score()).isLessThan(1.0);
        assertThat(skills.search(project, word, 10)).extracting(SkillInfo::handle).containsExactly("ad-hoc/diving");
    }

    @Test
    void aTierThatIsNotATierIsAnError() {
        // AC7.6 through the service, AC6.5/6.6 located
        assertThatThrownBy(() -> skills.parse("x.md", "---\nname: x\ntrust_tier: sudo\n---\n", new SkillSource.AdHoc()))
                .isInstanceOfSatisfying(SkillException.class, e -> assertThat(e.error()).isInstanceOf(SkillError.Malformed.class))
                .hasMessageStartingWith("x.md:3:13: trust_tier: unknown trust tier 'sudo'");
        assertThatThrownBy(() -> skills.parse("y.md", "name: y\n", new SkillSource.AdHoc())).hasMessageStartingWith("y.md:1:1: missing '---'");
        // AC7.4: a declared plugin-installed is kept
        assertThat(skills.parse("z.md", "---\nname: z\ntrust_tier: plugin-installed\n---\n", new SkillSource.FirstParty())
                .metadata().trustTier()).isEqualTo(TrustTier.PLUGIN_INSTALLED);
    }
}
