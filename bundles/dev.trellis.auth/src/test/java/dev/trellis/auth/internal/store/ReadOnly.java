package dev.trellis.auth.internal.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Makes a directory read-only for this process. Mode 0555 is enough for a normal user; root ignores modes, so
 * there the directory is also made immutable ({@code chattr +i}, Linux). Aborts the test (with the reason) only
 * where neither works.
 */
final class ReadOnly {

    private ReadOnly() {
    }

    static void make(Path dir) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (writable(dir)) {
            run("chattr", "+i", dir.toString());
        }
        assumeTrue(!writable(dir), "cannot make " + dir + " read-only here (root without chattr)");
    }

    static void undo(Path dir) throws IOException, InterruptedException {
        run("chattr", "-i", dir.toString());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static boolean writable(Path dir) {
        Path probe = dir.resolve(".probe");
        try {
            Files.writeString(probe, "x");
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no chattr: the assumption in make() reports it
        }
    }
}
