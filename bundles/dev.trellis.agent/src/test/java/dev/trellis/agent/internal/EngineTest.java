package dev.trellis.agent.internal;

import dev.trellis.api.agent.AgentId;
import dev.trellis.api.memory.Author;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the engine tests: a fresh {@link EngineFixture} in a temp dir per test, closed after it. */
abstract class EngineTest {

    static final AgentId ADA = AgentId.of("ada");
    static final Author HUMAN = new Author.Human("admin");

    @TempDir
    Path dir;
    EngineFixture f;

    @BeforeEach
    void startEngine() {
        f = new EngineFixture(dir);
    }

    @AfterEach
    void stopEngine() throws Exception {
        f.close();
    }
}
