package dev.trellis.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs the real product, {@code java -jar bndrun/target/host.jar}, for one test class:
 * a fresh temporary {@code trellis.home}, a free HTTP port, temporary deploy and config directories (config
 * seeded from the repository's {@code runtime-config/} when it exists). It waits until the Web Console answers
 * (401 without credentials means the console and the Trellis security provider are up), exposes the base URL and
 * the generated password, writes the host's output to {@code target/host-<TestClass>-<n>.log}, and kills the
 * process after the class. Use with {@code @RegisterExtension static final RunningHost host = new RunningHost();}.
 */
public final class RunningHost implements BeforeAllCallback, AfterAllCallback {

    /** Time the host gets to start before the test fails (cold start on a busy 2-core box is ~4-10 s). */
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String name;
    private Path work;
    private Path home;
    private int port;
    private Process process;
    private Path log;
    private int starts;
    private final java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, String> homeFiles = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, String> configFiles = new java.util.LinkedHashMap<>();
    private boolean awaitConsole = true;

    /** Sets an environment variable for the host process (e.g. TRELLIS_CONSOLE_PASSWORD). */
    public RunningHost withEnv(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Writes a file into the fresh trellis.home before the first start. */
    public RunningHost withHomeFile(String name, String content) {
        homeFiles.put(name, content);
        return this;
    }

    /** Writes a file into the host's config directory (after the repository's runtime-config/ is copied). */
    public RunningHost withConfigFile(String name, String content) {
        configFiles.put(name, content);
        return this;
    }

    /** Do not wait for the console on start (for hosts expected to keep it closed); use {@link #awaitOutput}. */
    public RunningHost notWaitingForConsole() {
        awaitConsole = false;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        name = context.getRequiredTestClass().getSimpleName();
        work = Files.createTempDirectory("trellis-browser-" + name + "-");
        home = work.resolve("home");
        Path config = Files.createDirectories(work.resolve("runtime-config"));
        Files.createDirectories(work.resolve("deploy"));
        Path repoConfig = repoRoot().resolve("runtime-config");
        if (Files.isDirectory(repoConfig)) {
            copyTree(repoConfig, config);
        }
        for (var f : configFiles.entrySet()) {
            Files.writeString(config.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        if (!homeFiles.isEmpty()) {
            Files.createDirectories(home);
            for (var f : homeFiles.entrySet()) {
                Files.writeString(home.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
        }
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        deleteTree(work);
    }

    /** Starts the host (again, with the same home) and waits until the console answers. */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("host already running; stop() it first");
        }
        port = freePort();
        starts++;
        log = Path.of(System.getProperty("trellis.test.logs", "target")).resolve("host-" + name + "-" + starts + ".log");
        Files.createDirectories(log.getParent());
        Path hostJar = hostJar();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Dtrellis.home=" + home,
                "-Dorg.osgi.service.http.port=" + port,
                "-Dtrellis.deploy=" + work.resolve("deploy"),
                "-Dtrellis.config=" + work.resolve("runtime-config"),
                "-jar", hostJar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The tests decide the password and home; the developer's shell must not.
        pb.environment().remove("TRELLIS_CONSOLE_PASSWORD");
        pb.environment().remove("TRELLIS_HOME");
        pb.environment().putAll(env);
        process = pb.start();
        if (awaitConsole) {
            awaitConsole();
        }
    }

    /** Stops the host: a normal shutdown first, then a forced kill. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    private void awaitConsole() {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/system/console/trellis"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        AtomicReference<String> last = new AtomicReference<>("no answer");
        try {
            Awaitility.await("console at " + baseUrl())
                    .atMost(START_DEADLINE).pollInterval(Duration.ofMillis(200))
                    .failFast("host process exited", () -> !process.isAlive())
                    .until(() -> {
                        try {
                            int status = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                            last.set("HTTP " + status);
                            // 401 = console registered and the Trellis security provider is answering
                            return status == 401;
                        } catch (IOException e) {
                            last.set(e.toString());
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError("console at " + baseUrl() + " did not answer 401 ("
                    + (process.isAlive() ? "timeout " + START_DEADLINE : "host exited with " + process.exitValue())
                    + ", last: " + last.get() + "); output in " + log + ":\n" + output(), e);
        }
    }

    /** Waits until the host's output contains {@code text}; fails with the output otherwise. */
    public String awaitOutput(String text) {
        try {
            Awaitility.await("host output containing '" + text + "'")
                    .atMost(START_DEADLINE).pollInterval(Duration.ofMillis(200))
                    .until(() -> output().contains(text));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("host output has no '" + text + "' after " + START_DEADLINE + "; output in "
                    + log + ":\n" + output(), e);
        }
        return output();
    }

    /** e.g. {@code http://127.0.0.1:41234} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The host's watched configuration directory ({@code trellis.config}); files put here apply live. */
    public Path configDir() {
        return work.resolve("runtime-config");
    }

    public Path home() {
        return home;
    }

    public Path passwordFile() {
        return home.resolve("console-password");
    }

    /** The console password: the TRELLIS_CONSOLE_PASSWORD given to the host, else {@code <home>/console-password}. */
    public String password() {
        String override = env.get("TRELLIS_CONSOLE_PASSWORD");
        if (override != null && !override.isBlank()) {
            return override.strip();
        }
        try {
            return Files.readString(passwordFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no console password at " + passwordFile(), e);
        }
    }

    /** Everything the current (or last) host process printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    public Path logFile() {
        return log;
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("trellis.repo.root", "../..")).toAbsolutePath().normalize();
    }

    private static Path hostJar() {
        Path jar = Path.of(System.getProperty("trellis.host.jar", repoRoot().resolve("bndrun/target/host.jar").toString()))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: build it with"
                    + " mvn -B -o -pl bndrun,tests/browser -am verify (the bndrun module exports it)");
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
