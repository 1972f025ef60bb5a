package dev.trellis.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.skills.Skill;
import dev.trellis.api.skills.SkillAdmin;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.SkillService;
import dev.trellis.api.skills.SkillSourceStatus;
import dev.trellis.api.skills.TrustTier;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The skills extender in the live framework: the example plugin's jar installed like a dropped plugin
 * brings its two skills (plugin-installed), stopping or uninstalling it takes them away; a plugin with a
 * broken file reports it with its location and keeps its other skills.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class SkillExtenderTest {

    static final Scope SHARED = Scope.global("_skills");
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String COMMIT = "plugin/dev.trellis.example.skills/commit-message";
    static final String REVIEW = "plugin/dev.trellis.example.skills/code-review";

    @InjectBundleContext
    BundleContext ctx;

    @InjectService(timeout = 10_000)
    SkillService skills;

    @InjectService(timeout = 10_000)
    SkillAdmin admin;

    @InjectService(timeout = 10_000)
    MemoryService memory;

    private List<String> handles() {
        return skills.list(SHARED).stream().map(SkillInfo::handle).filter(h -> h.startsWith("plugin/")).toList();
    }

    private Optional<SkillSourceStatus> source(String id) {
        return admin.sources().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    @Test
    void theExamplePluginsSkillsComeAndGoWithItsBundle() throws Exception {
        Bundle plugin;
        try (InputStream in = Files.newInputStream(SkillJars.exampleJar(ctx))) {
            plugin = ctx.installBundle("itest:skills:" + System.nanoTime(), in);
        }
        try {
            plugin.start();
            await("example skills listed").atMost(TIMEOUT).until(this::handles, h -> h.containsAll(List.of(COMMIT, REVIEW)));

            Skill review = skills.get(SHARED, REVIEW).orElseThrow();
            assertThat(review.metadata().trustTier()).isEqualTo(TrustTier.PLUGIN_INSTALLED);
            assertThat(review.metadata().sourcePlugin()).contains(PluginId.of(SkillJars.EXAMPLE_BSN));
            assertThat(review.metadata().extras()).containsKeys("license", "compatibility", "metadata", "allowed-tools")
                    .containsEntry("license", "\"Apache-2.0\"");
            assertThat(skills.get(SHARED, COMMIT).orElseThrow().metadata().keywords()).contains("git", "commit");
            SkillSourceStatus status = source("plugin:" + SkillJars.EXAMPLE_BSN).orElseThrow();
            assertThat(status.tier()).isEqualTo(TrustTier.PLUGIN_INSTALLED);
            assertThat(status.handles()).containsExactly(REVIEW, COMMIT);
            assertThat(status.problems()).isEmpty();
            assertThat(skills.load(Scope.local("itest-skills"), COMMIT, "itest-agent"))
                    .startsWith("[skill:loaded] name=\"commit-message\" trust_tier=\"plugin-installed\"\n\n## Steps");
            assertThat(skills.search(SHARED, "imperative mood", 5)).extracting(SkillInfo::handle).contains(COMMIT);

            plugin.stop();
            await("stopped plugin's skills removed").atMost(TIMEOUT).until(this::handles, List::isEmpty);
            assertThat(memory.read(BlockAddress.of(SHARED, COMMIT))).isEmpty();

            plugin.start();
            await("restarted plugin's skills back").atMost(TIMEOUT).until(this::handles, h -> h.size() == 2);
        } finally {
            plugin.uninstall();
        }
        await("uninstalled plugin's skills removed").atMost(TIMEOUT).until(this::handles, List::isEmpty);
        assertThat(source("plugin:" + SkillJars.EXAMPLE_BSN)).isEmpty();
        // usage outlives the skill (reference §4: rows are not deleted with the block)
        assertThat(skills.usage(COMMIT).useCount()).isPositive();
    }

    @Test
    void aBrokenFileInAPluginIsReportedWithItsLocationAndTheOthersAreKept() throws Exception {
        String bsn = "itest.broken.skills." + Long.toString(System.nanoTime(), 36);
        byte[] jar = SkillJars.withSkills(bsn, "skills, missing-folder", Map.of(
                "skills/good-one.md", SkillJars.skill("good-one", "works", "fine"),
                "skills/bad-one.md", "---\nname: bad-one\nkeywords: oops\n---\nbody",
                "skills/README.md", "not a skill, ignored"));
        Bundle plugin = ctx.installBundle("itest:" + bsn, new ByteArrayInputStream(jar));
        try {
            plugin.start();
            String id = "plugin:" + bsn;
            await("source reported").atMost(TIMEOUT).until(() -> source(id), Optional::isPresent);
            await("good skill stored").atMost(TIMEOUT)
                    .until(() -> skills.get(SHARED, "plugin/" + bsn + "/good-one"), Optional::isPresent);
            SkillSourceStatus status = source(id).orElseThrow();
            assertThat(status.handles()).containsExactly("plugin/" + bsn + "/good-one");
            assertThat(status.problems()).containsExactly(
                    new SkillParseError(bsn + ":/missing-folder", 0, 0,
                            "the folder named by the Trellis-Skills header does not exist in the bundle"),
                    new SkillParseError(bsn + ":/skills/bad-one.md", 3, 11,
                            "keywords: expected a list of strings, got a string (write keywords: [auth, login])"));
            assertThat(skills.get(SHARED, "plugin/" + bsn + "/bad-one")).isEmpty();
        } finally {
            plugin.uninstall();
        }
        await("broken plugin's skills removed").atMost(TIMEOUT)
                .until(() -> skills.get(SHARED, "plugin/" + bsn + "/good-one"), Optional::isEmpty);
    }
}
