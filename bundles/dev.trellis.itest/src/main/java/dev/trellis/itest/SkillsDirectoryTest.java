package dev.trellis.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.skills.SkillAdmin;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.SkillService;
import dev.trellis.api.skills.SkillSourceStatus;
import dev.trellis.api.skills.TrustTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A project skills directory configured through ConfigurationAdmin (factory PID
 * {@code dev.trellis.skills.project}) in the live framework: files are indexed, an edit is re-indexed,
 * a broken file is reported with its location while the others (and its last good version) stay, a
 * fix is picked up, a deleted file's skill goes, and deleting the configuration removes the project's
 * skills.
 */
@ExtendWith({ServiceExtension.class, SurefireSummary.class})
class SkillsDirectoryTest {

    static final String FACTORY_PID = "dev.trellis.skills.project";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @InjectService(timeout = 10_000)
    ConfigurationAdmin cm;

    @InjectService(timeout = 10_000)
    SkillService skills;

    @InjectService(timeout = 10_000)
    SkillAdmin admin;

    @InjectService(timeout = 10_000)
    MemoryService memory;

    final String run = Long.toString(System.nanoTime(), 36);
    final Scope.Local project = new Scope.Local("itest-skills-" + run);
    Path dir;
    Path staging;
    Configuration config;

    @BeforeEach
    void configure() throws Exception {
        dir = Files.createTempDirectory("trellis-itest-skills-").toRealPath();
        staging = Files.createTempDirectory("trellis-itest-staging-").toRealPath();
        write("tern-watch.md", SkillJars.skill("tern-watch", "Count terns", "first version"));
        config = cm.getFactoryConfiguration(FACTORY_PID, run, "?");
        config.update(new Hashtable<>(Map.of("project", project.id(), "directory", dir.toString(), "debounce.ms", 50)));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (config != null) {
            config.delete();
        }
        for (Path root : new Path[] {dir, staging}) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void write(String path, String text) throws Exception {
        Path target = dir.resolve(path);
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(staging, "skill", ".part");
        Files.writeString(part, text);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Optional<Block> block(String name) {
        return memory.read(BlockAddress.of(project, "skills/" + name));
    }

    private Optional<SkillSourceStatus> status() {
        return admin.sources().stream().filter(s -> s.id().equals("project:" + project.id())).findFirst();
    }

    @Test
    void editBreakFixAndDeleteAFile() throws Exception {
        await("indexed").atMost(TIMEOUT).until(() -> block("tern-watch"), Optional::isPresent);
        assertThat(skills.list(project)).filteredOn(i -> i.handle().equals("skills/tern-watch"))
                .singleElement().extracting(SkillInfo::trustTier).isEqualTo(TrustTier.PROJECT_LOCAL);
        long revision = block("tern-watch").orElseThrow().revision();

        write("tern-watch.md", SkillJars.skill("tern-watch", "Count terns", "second version with a shearwater"));
        await("edit re-indexed").atMost(TIMEOUT).until(() -> block("tern-watch").orElseThrow().content().contains("shearwater"));
        assertThat(block("tern-watch").orElseThrow().revision()).isEqualTo(revision + 1);
        assertThat(skills.search(project, "shearwater", 5)).extracting(SkillInfo::handle).containsExactly("skills/tern-watch");

        write("gull-count/SKILL.md", "---\nname: gull-count\ndescription: Count gulls\n---\nSteps.");
        await("agentskills folder indexed").atMost(TIMEOUT).until(() -> block("gull-count"), Optional::isPresent);

        write("tern-watch.md", "---\nname: tern-watch\ndescription: [unclosed\n---\nbroken");
        await("broken file reported").atMost(TIMEOUT).until(() -> status().map(s -> !s.problems().isEmpty()).orElse(false));
        SkillParseError p = status().orElseThrow().problems().getFirst();
        assertThat(p.file()).isEqualTo(dir.resolve("tern-watch.md").toString());
        assertThat(p.line()).isBetween(3, 4);
        assertThat(p.column()).isPositive();
        assertThat(block("tern-watch").orElseThrow().content()).as("last good version kept").contains("shearwater");
        assertThat(skills.load(project, "skills/tern-watch", "itest-agent")).contains("shearwater");
        assertThat(block("gull-count")).isPresent();

        write("tern-watch.md", SkillJars.skill("tern-watch", "Count terns", "fixed version"));
        await("fix picked up").atMost(TIMEOUT).until(() -> block("tern-watch").orElseThrow().content().contains("fixed"));
        await("problem cleared").atMost(TIMEOUT).until(() -> status().orElseThrow().problems().isEmpty());

        Files.delete(dir.resolve("tern-watch.md"));
        await("deleted file's skill removed").atMost(TIMEOUT).until(() -> block("tern-watch"), Optional::isEmpty);
        assertThat(block("gull-count")).isPresent();

        config.delete();
        config = null;
        await("configuration deleted: project skills removed").atMost(TIMEOUT).until(() -> block("gull-count"), Optional::isEmpty);
        assertThat(status()).isEmpty();
    }
}
