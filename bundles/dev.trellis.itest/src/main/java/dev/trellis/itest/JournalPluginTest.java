package dev.trellis.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.WriteResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The example journal plugin in the live framework, on the real memory bundle and SQLite store: it is
 * installed like a dropped plugin, journals this test bundle's writes with author and revision, and
 * resumes after the memory bundle is restarted under it without losing an acknowledged write.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class JournalPluginTest {

    /** Run property (itest.bndrun) holding the path of the built dev.trellis.example.journal jar. */
    static final String JAR_PROPERTY = "itest.journal.jar";
    static final String PID = "dev.trellis.example.journal";
    static final String BSN = "dev.trellis.example.journal";
    static final String MEMORY_BSN = "dev.trellis.memory";
    static final String SELF = "plugin dev.trellis.itest";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    @InjectService(cardinality = 0)
    ServiceAware<MemoryService> memory;

    // fresh scopes per run: the itest home (and its SQLite file) survives between runs
    final String run = Long.toString(System.nanoTime(), 36);
    final Scope watched = Scope.local("itest-journal-" + run);
    final BlockAddress journal = BlockAddress.of(Scope.global("itest-journal-" + run), "changes");

    Configuration config;
    Bundle plugin;

    @BeforeEach
    void installThePlugin() throws Exception {
        config = cm.getConfiguration(PID, "?");
        config.update(new Hashtable<>(Map.of("journal.scope", journal.scope().key(), "journal.label", journal.label(),
                "watch.scope", watched.key())));
        try (InputStream in = Files.newInputStream(journalJar())) {
            plugin = ctx.installBundle("itest:journal:" + run, in);
        }
        plugin.start();
        assertThat(plugin.getSymbolicName()).isEqualTo(BSN);
    }

    @AfterEach
    void uninstallThePlugin() throws Exception {
        Bundle memoryBundle = memoryBundle();
        if (memoryBundle.getState() != Bundle.ACTIVE) {
            memoryBundle.start(); // leave the host as found even if the test failed half-way
        }
        if (plugin != null) {
            plugin.uninstall();
            assertThat(bundlesNamed(BSN)).as("journal plugin uninstalled").isZero();
        }
        config.delete();
    }

    @Test
    void journalsEachChangeWithAuthorAndRevisionAndResumesAfterTheMemoryBundleRestarts() throws Exception {
        awaitSubscribed(1);
        MemoryService m = memory();
        BlockAddress notes = BlockAddress.of(watched, "notes");
        BlockAddress scratch = BlockAddress.of(watched, "scratch");

        WriteResult created = m.create(BlockCreate.text(notes, "journal itest", "one"));
        WriteResult appended = m.apply(notes, new MemoryOp.Append(" two"));
        WriteResult scratchCreated = m.create(new BlockCreate(scratch, Tier.WORKING, Schema.TEXT, "journal itest",
                BlockMetadata.DEFAULT_CHAR_LIMIT, Permission.ADMIN, false, "tmp")); // admin: deletable
        WriteResult deleted = m.apply(scratch, new MemoryOp.Delete());

        List<Change> before = List.of(
                new Change("written", notes, SELF, created.revision()),
                new Change("updated", notes, SELF, appended.revision()),
                new Change("written", scratch, SELF, scratchCreated.revision()),
                new Change("deleted", scratch, SELF, deleted.revision()));
        await("journal entries for the first writes").atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(changes()).containsExactlyElementsOf(before));
        assertThat(entries()).filteredOn(e -> "updated".equals(e.get("kind"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("op", "append"));

        // restart the memory bundle while the journal is subscribed
        Bundle memoryBundle = memoryBundle();
        memoryBundle.stop();
        assertThat(memory.isEmpty()).as("memory service gone while its bundle is stopped").isTrue();
        assertThat(plugin.getState()).as("the journal survives without memory").isEqualTo(Bundle.ACTIVE);
        memoryBundle.start();
        MemoryService m2 = memory();

        // written at once: the journal gets it live or from the fresh snapshot, depending on timing
        WriteResult third = m2.apply(notes, new MemoryOp.Append(" three"));
        awaitSubscribed(2);
        WriteResult fourth = m2.apply(notes, new MemoryOp.Append(" four"));

        List<Change> after = new ArrayList<>(before);
        after.add(new Change("updated", notes, SELF, third.revision()));
        after.add(new Change("updated", notes, SELF, fourth.revision()));
        await("journal resumed after the memory bundle restarted").atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(changes()).containsExactlyElementsOf(after));

        // no acknowledged write lost
        Block stored = m2.read(notes).orElseThrow();
        assertThat(stored.content()).isEqualTo("one two three four");
        assertThat(stored.revision()).isEqualTo(fourth.revision());
        assertThat(m2.read(scratch)).isEmpty();

        // the journal's own entries: stamped by the host with the journal as author, never about itself
        Block log = m2.read(journal).orElseThrow();
        assertThat(log.metadata().schema()).isEqualTo(Schema.LOG);
        assertThat(entries()).allSatisfy(e -> {
            assertThat(e).containsEntry("author", "plugin " + BSN);
            assertThat(e).containsKey("at");
            assertThat(e.get("block")).isNotEqualTo(journal.toString());
        });
    }

    @Test
    void resumesAfterTheMemoryBundleIsUpdatedInPlace() throws Exception {
        awaitSubscribed(1);
        BlockAddress notes = BlockAddress.of(watched, "notes");
        WriteResult created = memory().create(BlockCreate.text(notes, "journal itest", "a"));
        await("journal entry for the create").atMost(TIMEOUT).untilAsserted(() -> assertThat(changes())
                .containsExactly(new Change("written", notes, SELF, created.revision())));

        Bundle memoryBundle = memoryBundle();
        long id = memoryBundle.getBundleId();
        memoryBundle.update(); // same jar again: a new revision of the bundle, services registered anew
        assertThat(memoryBundle().getBundleId()).isEqualTo(id);
        awaitSubscribed(2);

        WriteResult appended = memory().apply(notes, new MemoryOp.Append("b"));
        await("journal entry after the update").atMost(TIMEOUT).untilAsserted(() -> assertThat(changes())
                .containsExactly(new Change("written", notes, SELF, created.revision()),
                        new Change("updated", notes, SELF, appended.revision())));
        assertThat(memory().read(notes).orElseThrow().content()).isEqualTo("ab");
    }

    private MemoryService memory() throws InterruptedException {
        MemoryService m = memory.waitForService(TIMEOUT.toMillis());
        assertThat(m).as("memory service").isNotNull();
        return m;
    }

    private void awaitSubscribed(int times) {
        await("journal subscribed " + times + " time(s)").atMost(TIMEOUT).until(
                () -> entries().stream().filter(e -> "subscribed".equals(e.get("kind"))).count() >= times);
    }

    /** The journal's change entries (not the "subscribed" markers), oldest first. */
    private List<Change> changes() throws InterruptedException {
        return entries().stream().filter(e -> !"subscribed".equals(e.get("kind")))
                .map(e -> new Change(e.get("kind"), BlockAddress.parse(e.get("block")), e.get("by"),
                        Long.parseLong(e.get("revision"))))
                .toList();
    }

    /**
     * The journal block's entries as flat field maps (numbers as text). The journal writes flat JSON
     * objects whose strings hold no braces here, so a small reader is enough.
     */
    private List<Map<String, String>> entries() throws InterruptedException {
        MemoryService m = memory.waitForService(TIMEOUT.toMillis());
        if (m == null) {
            return List.of();
        }
        String content = m.read(journal).map(Block::content).orElse("[]");
        List<Map<String, String>> out = new ArrayList<>();
        Matcher object = Pattern.compile("\\{[^{}]*}").matcher(content);
        Pattern field = Pattern.compile("\"(\\w+)\":(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))");
        while (object.find()) {
            Map<String, String> e = new HashMap<>();
            Matcher f = field.matcher(object.group());
            while (f.find()) {
                e.put(f.group(1), f.group(2) != null ? f.group(2) : f.group(3));
            }
            out.add(e);
        }
        return out;
    }

    private Bundle memoryBundle() {
        return Arrays.stream(ctx.getBundles()).filter(b -> MEMORY_BSN.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + MEMORY_BSN + " bundle in the framework"));
    }

    private long bundlesNamed(String bsn) {
        return Arrays.stream(ctx.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).count();
    }

    private Path journalJar() {
        String path = ctx.getProperty(JAR_PROPERTY);
        if (path == null) {
            throw new IllegalStateException("run property " + JAR_PROPERTY + " is not set (see bndrun/itest.bndrun)");
        }
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(JAR_PROPERTY + " points to " + jar + ", which is not a file; build the journal bundle first");
        }
        return jar;
    }

    /** One journal entry about a change, without its host stamps and op. */
    record Change(String kind, BlockAddress block, String by, long revision) {
    }
}
