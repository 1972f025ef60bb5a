package dev.trellis.skills.internal;

import static dev.trellis.skills.internal.SkillsFixture.skill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.SkillSourceStatus;
import dev.trellis.api.skills.TrustTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.component.ComponentConstants;

/** A watched project skills directory: add, edit, break, fix, delete files; the blocks follow. */
class ProjectSkillsTest {

    static final Scope.Local PROJECT = new Scope.Local("demo");
    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;
    SkillsFixture f;
    Path dir;
    ProjectSkills watcher;

    @BeforeEach
    void start() throws Exception {
        f = new SkillsFixture(tmp.resolve("home"));
        dir = tmp.resolve("project/skills");
        Files.createDirectories(dir);
        write("fix-auth.md", skill("fix-auth", "Repair login", "first version"));
        watcher = new ProjectSkills(f.core, PROJECT, dir, 50);
    }

    @AfterEach
    void stop() throws Exception {
        watcher.deactivate(ComponentConstants.DEACTIVATION_REASON_DISPOSED);
        f.close();
    }

    /** Files land in one atomic step, as editors that write a temp file and rename do. */
    private void write(String path, String text) throws Exception {
        Path target = dir.resolve(path);
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(tmp, "part", ".tmp");
        Files.writeString(part, text);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Optional<Block> block(String name) {
        return f.agent.read(BlockAddress.of(PROJECT, "skills/" + name));
    }

    private Optional<SkillSourceStatus> status() {
        return f.service.sources().stream().filter(s -> s.id().equals("project:demo")).findFirst();
    }

    @Test
    void theDirectoryIsIndexedAndFollowed() throws Exception {
        await().atMost(WAIT).until(() -> block("fix-auth").isPresent());
        assertThat(f.service.list(PROJECT)).extracting(SkillInfo::handle, SkillInfo::trustTier)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("skills/fix-auth", TrustTier.PROJECT_LOCAL));
        long revision = block("fix-auth").orElseThrow().revision();

        // edit: re-indexed, one new revision, found by search
        write("fix-auth.md", skill("fix-auth", "Repair login", "second version mentions kingfisher"));
        await().atMost(WAIT).until(() -> block("fix-auth").orElseThrow().content().contains("kingfisher"));
        assertThat(block("fix-auth").orElseThrow().revision()).isEqualTo(revision + 1);
        assertThat(f.service.search(PROJECT, "kingfisher", 5)).extracting(SkillInfo::handle).containsExactly("skills/fix-auth");

        // an agentskills.io folder next to it
        write("code-review/SKILL.md", "---\nname: code-review\ndescription: Review a change\nlicense: MIT\n---\nSteps.");
        await().atMost(WAIT).until(() -> block("code-review").isPresent());
        assertThat(f.service.get(PROJECT, "skills/code-review").orElseThrow().source())
                .isEqualTo(new dev.trellis.api.skills.SkillSource.Project(PROJECT, "code-review/SKILL.md"));

        // break it: located problem, the last good text stays, the other skill is untouched
        write("fix-auth.md", "---\nname: fix-auth\nkeywords: nope\n---\nbroken version");
        await().atMost(WAIT).until(() -> status().map(s -> !s.problems().isEmpty()).orElse(false));
        SkillParseError p = status().orElseThrow().problems().getFirst();
        assertThat(p).isEqualTo(new SkillParseError(dir.resolve("fix-auth.md").toString(), 3, 11,
                "keywords: expected a list of strings, got a string (write keywords: [auth, login])"));
        assertThat(block("fix-auth").orElseThrow().content()).contains("kingfisher");
        assertThat(f.logged).contains("WARN skills: project:demo: " + p,
                "WARN skills: project:demo: until their files parse again, these skills keep their last good version"
                        + " (if they had one): fix-auth");
        assertThat(f.service.load(PROJECT, "skills/fix-auth", "ada")).contains("kingfisher");
        assertThat(block("code-review")).isPresent();
        assertThat(status().orElseThrow().handles()).containsExactly("local:demo/skills/code-review",
                "local:demo/skills/fix-auth");

        // fix it: problem gone, new text in
        write("fix-auth.md", skill("fix-auth", "Repair login", "fixed version"));
        await().atMost(WAIT).until(() -> block("fix-auth").orElseThrow().content().contains("fixed version"));
        await().atMost(WAIT).until(() -> status().orElseThrow().problems().isEmpty());

        // delete: the skill goes
        Files.delete(dir.resolve("fix-auth.md"));
        await().atMost(WAIT).until(() -> block("fix-auth").isEmpty());
        assertThat(f.service.list(PROJECT)).extracting(SkillInfo::handle).containsExactly("skills/code-review");
        Files.delete(dir.resolve("code-review/SKILL.md"));
        await().atMost(WAIT).until(() -> block("code-review").isEmpty());
    }

    @Test
    void aNewBrokenFileIsReportedAndMakesNoBlock() throws Exception {
        await().atMost(WAIT).until(() -> block("fix-auth").isPresent());
        write("half.md", "no front matter at all");
        await().atMost(WAIT).until(() -> status().map(s -> !s.problems().isEmpty()).orElse(false));
        assertThat(status().orElseThrow().problems()).singleElement().extracting(SkillParseError::line,
                SkillParseError::column).containsExactly(1, 1);
        assertThat(block("half")).isEmpty();
        assertThat(block("fix-auth")).isPresent();
    }

    @Test
    void anUnchangedRestartWritesNothingAndDeletingTheConfigurationRemovesTheSkills() throws Exception {
        await().atMost(WAIT).until(() -> block("fix-auth").isPresent());
        long revision = block("fix-auth").orElseThrow().revision();
        watcher.deactivate(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED);
        f.idle();
        assertThat(block("fix-auth")).isPresent();
        watcher = new ProjectSkills(f.core, PROJECT, dir, 50);
        await().atMost(WAIT).until(() -> status().isPresent());
        f.idle();
        assertThat(block("fix-auth").orElseThrow().revision()).isEqualTo(revision);
        watcher.deactivate(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
        f.idle();
        assertThat(block("fix-auth")).isEmpty();
        watcher = new ProjectSkills(f.core, PROJECT, dir, 50);
    }

    @Test
    void aHundredLoadsLeaveTheFileAndTheBlockAsTheyWere() throws Exception {
        // AC9.6: the file stays byte-for-byte (as `git status` would see it), the block keeps its revision
        await().atMost(WAIT).until(() -> block("fix-auth").isPresent());
        Path file = dir.resolve("fix-auth.md");
        byte[] bytes = Files.readAllBytes(file);
        var modified = Files.getLastModifiedTime(file);
        long revision = block("fix-auth").orElseThrow().revision();
        for (int i = 0; i < 100; i++) {
            f.service.load(PROJECT, "skills/fix-auth", "agent-" + (i % 3));
        }
        f.idle();
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
        assertThat(block("fix-auth").orElseThrow().revision()).isEqualTo(revision);
        assertThat(f.service.usage(PROJECT, "skills/fix-auth").useCount()).isEqualTo(100);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("fix-auth.md"));
        }
    }

    @Test
    void aProjectIsWatchedInOneDirectoryOnly() throws Exception {
        Path other = tmp.resolve("other/skills");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProjectSkills(f.core, PROJECT, other, 50))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("dev.trellis.skills.project: project 'demo' is already watched in " + dir
                        + "; one directory per project (give " + other + " its own project id)");
        ProjectSkills second = new ProjectSkills(f.core, new Scope.Local("demo-2"), other, 50);
        second.deactivate(ComponentConstants.DEACTIVATION_REASON_DISPOSED);
    }

    @Test
    void configurationIsChecked() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProjectSkills.project(" "))
                .hasMessageStartingWith("dev.trellis.skills.project: 'project' is required");
        assertThat(Homes.resolve("${trellis.home}/skills", "/srv/t", null, "/home/u")).isEqualTo(Path.of("/srv/t/skills"));
        assertThat(Homes.resolve("${trellis.home}/skills", null, "/env/t", "/home/u")).isEqualTo(Path.of("/env/t/skills"));
        assertThat(Homes.resolve("${trellis.home}/skills", null, null, "/home/u")).isEqualTo(Path.of("/home/u/.trellis/skills"));
    }
}
