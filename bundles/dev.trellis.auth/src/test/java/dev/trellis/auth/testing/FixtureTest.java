package dev.trellis.auth.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of tests that run an engine: a fresh {@link AuthFixture} in a temporary directory per test. */
public abstract class FixtureTest {

    @TempDir
    protected Path tmp;
    protected AuthFixture fx;

    @BeforeEach
    void createFixture() throws IOException {
        fx = new AuthFixture(tmp);
    }

    @AfterEach
    void closeFixture() {
        fx.close();
    }
}
