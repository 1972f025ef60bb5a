package dev.trellis.skills.internal;

import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.memory.internal.TestMemory;
import dev.trellis.store.sqlite.internal.SqliteDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The skills engine on the real stack of the host: SQLite store on a temp file, the memory engine, this
 * bundle's services for "dev.trellis.skills". {@link #agent} is another bundle's view (an agent's tools).
 */
final class SkillsFixture implements AutoCloseable {

    static final String SELF = "dev.trellis.skills";

    final SqliteDatabase store;
    final TestMemory memory;
    final SkillsCore core;
    final SkillServiceImpl service;
    final MemoryService agent;
    /** What the bundle logged (warnings prefixed "WARN "). */
    final List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    final SkillLog log = new SkillLog() {
        @Override
        public void warn(String message) {
            logged.add("WARN " + message);
        }

        @Override
        public void info(java.util.function.Supplier<String> message) {
            logged.add("INFO " + message.get());
        }
    };

    SkillsFixture(Path dir) {
        this(dir, Duration.ofHours(1));
    }

    SkillsFixture(Path dir, Duration orphanGrace) {
        store = SqliteDatabase.open(new SqliteDatabase.Settings(dir.resolve("trellis.db"), Duration.ofSeconds(10), 2));
        memory = new TestMemory(store);
        core = new SkillsCore(memory.memoryFor(SELF), store, memory.syncFor(SELF), PluginId.of(SELF), Clock.systemUTC(),
                orphanGrace, log);
        service = new SkillServiceImpl(core);
        agent = memory.memoryFor("dev.trellis.agent");
    }

    /** Submits a first-party source made of {@code name → text} files and waits until it is stored. */
    void firstParty(String... pathsAndTexts) throws Exception {
        core.submit(SkillsCore.FirstParty.source(SELF, files("dev.trellis.skills:/skills/", pathsAndTexts)));
        idle();
    }

    static List<SourceScan.File> files(String locationPrefix, String... pathsAndTexts) {
        List<SourceScan.File> out = new java.util.ArrayList<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            out.add(SourceScan.File.read(pathsAndTexts[i], locationPrefix + pathsAndTexts[i], pathsAndTexts[i + 1]));
        }
        return out;
    }

    void idle() throws Exception {
        core.awaitIdle(Duration.ofSeconds(30));
    }

    static String skill(String name, String description, String body) {
        return "---\nname: " + name + "\ndescription: " + description + "\n---\n\n" + body;
    }

    @Override
    public void close() {
        core.deactivate();
        memory.close();
        store.close();
    }
}
