package dev.trellis.benchmarks;

import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.ProviderDetails;
import dev.trellis.api.gateway.ProviderInstance;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Issue 5: swap latency in a real Felix framework. One operation = {@code Bundle.update} of the scripted provider
 * bundle (in place, as File Install does before its refresh) plus the first request served afterwards through
 * the gateway ({@code scripted/echo}, 16 words), until its stop. A request made after {@code update} returns
 * cannot reach the old instance (it is unregistered during the update), so it is served by the new one or
 * waits for it; the operation also checks that the serving service changed. No streams are in flight: under
 * load the update also waits for the old instance's running streams (the drain), by design.
 *
 * <p>The framework runs in this JVM: Felix 7.0.5, SCR, ConfigAdmin, Felix Log, Jackson, SnakeYAML Engine from the
 * local Maven repository ({@code -Dmaven.repo.local}, default {@code ~/.m2/repository}), the gateway and scripted
 * bundles from {@code bundles/<bsn>/target} under {@code -Dtrellis.repo.root} (default: the working directory).
 * The API packages come from this class path through the system bundle, so the benchmark calls the framework's
 * gateway with its own types.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 10)
@Measurement(iterations = 40)
@State(Scope.Benchmark)
public class SwapBenchmark {

    private static final String API = "dev.trellis.api.model;version=1.0.0,dev.trellis.api.gateway;version=1.1.0,"
            + "dev.trellis.api.auth;version=1.0.0,dev.trellis.api.tool;version=1.0.0";

    Framework framework;
    Bundle scripted;
    ModelGateway gateway;
    byte[] scriptedJar;
    Path storage;

    @Setup
    public void start() throws Exception {
        storage = Files.createTempDirectory("trellis-swap-bench-");
        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", storage.toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        config.put("org.osgi.framework.system.packages.extra", API);
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(config);
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars()) {
            installed.add(ctx.installBundle(jar.toUri().toString()));
        }
        for (Bundle b : installed) {
            b.start();
        }
        scripted = installed.getLast();
        scriptedJar = Files.readAllBytes(trellisJar("dev.trellis.provider.scripted"));
        ServiceReference<ModelGateway> ref = ctx.getServiceReference(ModelGateway.class);
        if (ref == null) {
            throw new IllegalStateException("no ModelGateway service in the benchmark framework");
        }
        gateway = ctx.getService(ref);
        served();
    }

    @TearDown
    public void stop() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
        try (Stream<Path> files = Files.walk(storage)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long updateThenFirstRequest() throws BundleException {
        long before = servingService();
        scripted.update(new ByteArrayInputStream(scriptedJar));
        served();
        long after = servingService();
        if (after == before) {
            throw new IllegalStateException("the request was not served by a new provider service (still " + before + ")");
        }
        return after;
    }

    /** One request through the gateway until its stop. */
    private void served() {
        StreamWaiter w = new StreamWaiter(GatewayBenchmark.EVENTS);
        gateway.stream(GatewayBenchmark.REQUEST, w);
        w.await();
    }

    private long servingService() {
        return gateway.snapshot().providers().stream().filter(p -> p.status().providerId().equals("scripted"))
                .map(ProviderDetails::instances).flatMap(List::stream)
                .filter(i -> i.role() == ProviderInstance.Role.SERVING).mapToLong(ProviderInstance::serviceId)
                .findFirst().orElse(-1);
    }

    /** In start order; the scripted provider last. */
    private static List<Path> jars() {
        return List.of(
                maven("org.osgi", "org.osgi.util.function", "1.2.0"),
                maven("org.osgi", "org.osgi.util.promise", "1.3.0"),
                maven("org.osgi", "org.osgi.service.component", "1.5.1"),
                maven("org.apache.felix", "org.apache.felix.log", "1.3.0"),
                maven("org.apache.felix", "org.apache.felix.configadmin", "1.9.26"),
                maven("org.apache.felix", "org.apache.felix.scr", "2.2.18"),
                maven("com.fasterxml.jackson.core", "jackson-core", "2.23.0"),
                maven("com.fasterxml.jackson.core", "jackson-annotations", "2.23"),
                maven("com.fasterxml.jackson.core", "jackson-databind", "2.23.0"),
                maven("org.snakeyaml", "snakeyaml-engine", "3.2"),
                trellisJar("dev.trellis.gateway"),
                trellisJar("dev.trellis.provider.scripted"));
    }

    private static Path maven(String group, String artifact, String version) {
        Path repo = Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        return existing(repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                .resolve(artifact + "-" + version + ".jar"));
    }

    private static Path trellisJar(String bsn) {
        Path root = Path.of(System.getProperty("trellis.repo.root", System.getProperty("user.dir")));
        return existing(root.resolve("bundles").resolve(bsn).resolve("target").resolve(bsn + "-0.1.0-SNAPSHOT.jar"));
    }

    private static Path existing(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new UncheckedIOException(new IOException(jar + " does not exist: build the reactor first"
                    + " (mvn -B -o -pl benchmarks -am package -DskipTests) and run from the repository root"));
        }
        return jar;
    }
}
