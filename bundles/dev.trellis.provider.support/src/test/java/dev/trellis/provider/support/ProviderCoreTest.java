package dev.trellis.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.auth.ProviderKind;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StopReason;
import dev.trellis.provider.testing.FakeLlmServer;
import dev.trellis.provider.testing.RecordingListener;
import dev.trellis.provider.testing.Reply;
import dev.trellis.provider.testing.Sse;
import dev.trellis.provider.testing.StubCredentials;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The drain contract the gateway's hot swap relies on, at the level every HTTP provider's stream() uses. */
class ProviderCoreTest {

    private final FakeLlmServer server = FakeLlmServer.start();
    // not the common pool: on 2 cores it has one thread, and the caller and close() must run at once
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ProviderCore core = new ProviderCore(ProviderKind.OPENAI, () -> StubCredentials.apiKey("sk-test-0123456789"),
            StreamSettings.ofMillis(2000, 5000, 5000, 5000), Diagnostics.NONE, Clock.systemUTC(), new String[] {"m"});

    @AfterEach
    void close() {
        core.close();
        server.close();
        threads.shutdownNow();
    }

    private Consumer<ProviderStream> send() {
        return stream -> core.http().exchange(stream, core.http().request(server.uri("/v1/x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), new StreamingClientTest.TextProtocol(), "set P_KEY");
    }

    @Test
    void closeWaitsForARequestStillInItsChecksAndServesIt() throws Exception {
        server.enqueue(Reply.sse(Sse.events().event("text", "served").event("done", "{}").build()));
        CountDownLatch inChecks = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener l = new RecordingListener();
        CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> core.stream(l, () -> {
            inChecks.countDown(); // e.g. asking the credential resolver for the tier
            await(release);
            return send();
        }), threads);
        assertThat(inChecks.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(core.inFlight()).as("counted from the first line of stream()").isEqualTo(1);

        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(core::close, threads);
        AtomicInteger checksRunWhileClosing = new AtomicInteger();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatThrownBy(() -> core.stream(
                new RecordingListener(), () -> {
                    checksRunWhileClosing.incrementAndGet();
                    return send();
                })).isInstanceOf(ModelException.class).extracting(e -> ((ModelException) e).error())
                .isEqualTo(new ModelError.ProviderUnavailable("openai")));
        assertThat(checksRunWhileClosing).as("a request refused while closing runs none of its checks").hasValue(0);
        assertThat(closed).as("close waits for the request admitted before it").isNotDone();

        release.countDown();
        caller.get(5, TimeUnit.SECONDS);
        assertThat(l.await().stop()).contains(StopReason.END_TURN);
        assertThat(l.text()).isEqualTo("served");
        assertThat(l.violations()).isEmpty();
        assertThat(closed.get(5, TimeUnit.SECONDS)).as("drained cleanly").isTrue();
        assertThat(core.inFlight()).isZero();
    }

    @Test
    void aRequestRefusedByItsChecksIsNoLongerCounted() {
        ModelException refused = new ModelException(new ModelError.BadRequest("openai", "not ours"));
        RecordingListener l = new RecordingListener();
        assertThatThrownBy(() -> core.stream(l, () -> {
            throw refused;
        })).isSameAs(refused);
        assertThat(core.inFlight()).isZero();
        assertThat(l.isDone()).as("a refused request has no stream and no listener call").isFalse();
        long t0 = System.nanoTime();
        assertThat(core.close()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("nothing to wait for").isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void closeGivesUpOnARequestStuckInItsChecksAfterTheDrainTimeout() throws Exception {
        ProviderCore quick = new ProviderCore(ProviderKind.OPENAI, () -> null, StreamSettings.ofMillis(2000, 5000, 5000, 200),
                Diagnostics.NONE, Clock.systemUTC(), new String[0]);
        CountDownLatch inChecks = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener l = new RecordingListener();
        CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> quick.stream(l, () -> {
            inChecks.countDown();
            await(release);
            return stream -> stream.stop(StopReason.END_TURN);
        }), threads);
        assertThat(inChecks.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(quick.close()).as("not drained within 200 ms").isFalse();
        release.countDown();
        caller.get(5, TimeUnit.SECONDS);
        // its stream could not start on the closed client: a typed error, never a hang
        assertThat(l.await().error()).contains(new ModelError.ProviderUnavailable("openai"));
        // released just after the listener returned from its terminal call
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> quick.inFlight() == 0);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
