package dev.trellis.gateway.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.SwapEvent;
import dev.trellis.testing.SurefireSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The acceptance test: 50 concurrent streaming requests through the gateway while the scripted
 * provider bundle is replaced, in place ({@code Bundle.update}, 10 times) and by dropping newer jars into a File
 * Install directory (update + refresh) — 0 failed requests, every stream complete, in-flight streams finish on
 * the instance they started on and requests started after a new instance serves go to it (or a newer one).
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class ProviderSwapTest {

    private static final int CLIENTS = 50;
    private static final Duration TIMEOUT = Swaps.TIMEOUT;

    @InjectBundleContext
    BundleContext ctx;

    @InjectService(timeout = 10_000)
    ModelGateway gateway;

    @InjectService
    ConfigurationAdmin cm;

    private Configuration model;
    private Path work;
    private Path jar;
    private Swaps swaps;

    @BeforeEach
    void defineTheSwapModel() throws Exception {
        jar = ProviderJars.scripted(ctx);
        swaps = new Swaps(ctx, gateway, "scripted");
        work = Files.createTempDirectory("trellis-swap-");
        model = cm.getFactoryConfiguration("dev.trellis.provider.scripted.model", "swap", "?");
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("script", SwapLoad.SCRIPT);
        model.update(p);
        await("scripted/swap available").atMost(TIMEOUT).until(() -> gateway.models().stream()
                .anyMatch(m -> m.id().toString().equals(SwapLoad.MODEL)));
    }

    @AfterEach
    void restore() throws Exception {
        swaps.restore(installedScripted(), jar);
        model.delete();
        Swaps.deleteDir(work);
    }

    @Test
    void tenUpdatesInPlaceUnderFiftyStreamsFailNoRequest() throws Exception {
        Bundle scripted = installedScripted();
        long bundleId = scripted.getBundleId();
        List<Swaps.Serving> servings = new ArrayList<>();
        List<Integer> inFlightAtUpdate = new ArrayList<>();
        List<SwapLoad.Outcome> outcomes;
        try (SwapLoad load = new SwapLoad(gateway, CLIENTS)) {
            for (int k = 1; k <= 10; k++) {
                load.awaitMore(CLIENTS);
                inFlightAtUpdate.add(swaps.awaitStreams(CLIENTS / 2));
                Version v = new Version(0, 1, 100 + k);
                Swaps.update(scripted, ProviderJars.withVersion(jar, v, work));
                servings.add(swaps.awaitServing(v));
            }
            int before = load.completed();
            await("more requests complete on the last instance").atMost(TIMEOUT).until(() -> load.completed() > before + CLIENTS);
            outcomes = load.finish();
        }

        assertNoFailures(outcomes, servings);
        assertThat(installedScripted().getBundleId()).as("updated in place").isEqualTo(bundleId);
        assertThat(inFlightAtUpdate).as("streams in flight at each update").allMatch(n -> n >= CLIENTS / 2);
        List<SwapEvent> history = gateway.snapshot().swaps();
        assertThat(history.stream().filter(s -> s.kind() == SwapEvent.Kind.REMOVED && s.inFlight() > 0).count())
                .as("instances removed with streams running: " + history).isGreaterThanOrEqualTo(10);
        assertThat(history.stream().filter(s -> s.kind() == SwapEvent.Kind.DRAINED).count()).isGreaterThanOrEqualTo(10);
        assertThat(history).noneMatch(s -> s.kind() == SwapEvent.Kind.DRAIN_TIMEOUT);
        System.out.println("[INFO] in-place swap: " + outcomes.size() + " requests, 10 updates, 0 failed; in flight at"
                + " the updates: " + inFlightAtUpdate);
    }

    @Test
    void newerJarsDroppedIntoAWatchedDirectoryUnderFiftyStreamsFailNoRequest() throws Exception {
        Bundle original = installedScripted();
        original.stop();
        List<Swaps.Serving> servings = new ArrayList<>();
        List<SwapLoad.Outcome> outcomes;
        try (DropDir drop = DropDir.watch(ctx, cm)) {
            Version first = new Version(0, 1, 200);
            drop.drop(ProviderJars.withVersion(jar, first, work), "scripted.jar");
            servings.add(swaps.awaitServing(first));
            long dropped = drop.bundle("scripted.jar").orElseThrow().getBundleId();
            try (SwapLoad load = new SwapLoad(gateway, CLIENTS)) {
                for (int k = 1; k <= 3; k++) {
                    load.awaitMore(CLIENTS);
                    swaps.awaitStreams(CLIENTS / 2);
                    Version v = new Version(0, 1, 200 + k);
                    drop.drop(ProviderJars.withVersion(jar, v, work), "scripted.jar");
                    servings.add(swaps.awaitServing(v));
                }
                int before = load.completed();
                await("more requests complete").atMost(TIMEOUT).until(() -> load.completed() > before + CLIENTS);
                outcomes = load.finish();
            }
            assertThat(drop.bundle("scripted.jar").orElseThrow().getBundleId()).as("File Install updated it in place")
                    .isEqualTo(dropped);
        } finally {
            original.start();
        }
        assertNoFailures(outcomes, servings);
        assertThat(gateway.snapshot().swaps()).noneMatch(s -> s.kind() == SwapEvent.Kind.DRAIN_TIMEOUT);
        System.out.println("[INFO] File Install swap: " + outcomes.size() + " requests, 3 drops, 0 failed");
    }

    private void assertNoFailures(List<SwapLoad.Outcome> outcomes, List<Swaps.Serving> servings) {
        assertThat(outcomes.size()).as("requests made").isGreaterThan(CLIENTS * (servings.size() + 1));
        Map<String, Long> problems = outcomes.stream().map(SwapLoad.Outcome::problem).filter(p -> !p.isEmpty())
                .collect(Collectors.groupingBy(p -> p, Collectors.counting()));
        assertThat(problems).as("failed or incomplete streams").isEmpty();
        for (Swaps.Serving s : servings) {
            List<SwapLoad.Outcome> wrong = outcomes.stream()
                    .filter(o -> o.startNanos() > s.nanos() && o.servedBy().compareTo(s.version()) < 0).toList();
            assertThat(wrong).as("requests started after " + s.version() + " served were played by an older instance")
                    .isEmpty();
        }
        List<Version> versions = outcomes.stream().map(SwapLoad.Outcome::servedBy).distinct().sorted().toList();
        assertThat(versions).as("instances that served").containsAll(servings.stream().map(Swaps.Serving::version).toList());
    }

    private Bundle installedScripted() {
        return swaps.installed(ProviderJars.BSN, "trellis-gateway-drop-");
    }
}
