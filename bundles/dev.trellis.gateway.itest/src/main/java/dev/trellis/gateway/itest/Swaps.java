package dev.trellis.gateway.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.ProviderDetails;
import dev.trellis.api.gateway.ProviderInstance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;

/** What the swap tests watch and do, for any provider id: in-flight streams, the serving instance, updates. */
final class Swaps {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A new instance started serving: from {@code nanos} on, new requests go to {@code version} or newer. */
    record Serving(long nanos, Version version) {
    }

    private final BundleContext ctx;
    private final ModelGateway gateway;
    private final String provider;

    Swaps(BundleContext ctx, ModelGateway gateway, String provider) {
        this.ctx = ctx;
        this.gateway = gateway;
        this.provider = provider;
    }

    /** Waits until at least {@code atLeast} streams of the provider are in flight; returns how many were. */
    int awaitStreams(int atLeast) {
        return await("at least " + atLeast + " " + provider + " streams in flight").atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(2)).until(this::inFlight, n -> n >= atLeast);
    }

    int inFlight() {
        return gateway.status().stream().filter(s -> s.providerId().equals(provider)).mapToInt(s -> s.inFlight()).sum();
    }

    /** Waits until an instance of bundle version {@code v} serves the provider id. */
    Serving awaitServing(Version v) {
        await(provider + " " + v + " serving").atMost(TIMEOUT).pollInterval(Duration.ofMillis(2)).until(() -> serving()
                .map(i -> i.bundleVersion().equals(v.toString())).orElse(false));
        return new Serving(System.nanoTime(), v);
    }

    Optional<ProviderInstance> serving() {
        return gateway.snapshot().providers().stream().filter(d -> d.status().providerId().equals(provider))
                .map(ProviderDetails::instances).flatMap(List::stream)
                .filter(i -> i.role() == ProviderInstance.Role.SERVING).findFirst();
    }

    /** The installed bundle {@code bsn} whose location does not contain {@code notIn} (a drop directory). */
    Bundle installed(String bsn, String notIn) {
        return Stream.of(ctx.getBundles()).filter(b -> bsn.equals(b.getSymbolicName()))
                .filter(b -> !b.getLocation().contains(notIn)).findFirst().orElseThrow();
    }

    /** {@code Bundle.update} in place from {@code jar}. */
    static void update(Bundle bundle, Path jar) throws IOException, BundleException {
        try (InputStream in = Files.newInputStream(jar)) {
            bundle.update(in);
        }
    }

    /** Puts {@code bundle} back to the jar as built (if an update changed its version) and refreshes it. */
    void restore(Bundle bundle, Path jar) throws Exception {
        if (!bundle.getVersion().equals(ProviderJars.version(jar))) {
            update(bundle, jar);
        }
        CountDownLatch done = new CountDownLatch(1);
        ctx.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        assertThat(done.await(30, TimeUnit.SECONDS)).as("refresh done").isTrue();
    }

    /** Deletes a directory of plain files. */
    static void deleteDir(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
