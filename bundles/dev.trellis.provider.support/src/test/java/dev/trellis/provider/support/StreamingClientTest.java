package dev.trellis.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StopReason;
import dev.trellis.provider.testing.FakeLlmServer;
import dev.trellis.provider.testing.RecordingListener;
import dev.trellis.provider.testing.Reply;
import dev.trellis.provider.testing.Sse;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamingClientTest {

    /** "text" events carry text, "done" ends the stream, "bad" is not understood. */
    static final class TextProtocol implements SseProtocol {
        @Override
        public void onEvent(SseEvent event, ProviderStream out) {
            switch (event.event()) {
                case "text" -> out.text(event.data());
                case "done" -> out.stop(StopReason.END_TURN);
                default -> throw new MalformedEventException(event.where() + ": unknown event");
            }
        }

        @Override
        public String terminalEvent() {
            return "'done'";
        }
    }

    private final FakeLlmServer server = FakeLlmServer.start();
    private StreamingClient client = new StreamingClient("p", StreamSettings.ofMillis(2000, 5000, 5000, 5000), Diagnostics.NONE);

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private RecordingListener run(URI uri) {
        RecordingListener l = new RecordingListener();
        start(uri, l);
        return l;
    }

    private ProviderStream start(URI uri, RecordingListener l) {
        ProviderStream s = client.open(l);
        client.run(s, () -> client.exchange(s, client.request(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                new TextProtocol(), "set P_KEY"));
        return s;
    }

    @Test
    void streamsAnSseBodyCutIntoAwkwardChunks() {
        server.enqueue(Reply.sse(Sse.events().event("text", "h\u00e9l").event("text", "lo \uD83C\uDF89").event("done", "{}").build()));
        RecordingListener l = run(server.uri("/v1/x")).await();
        assertThat(l.violations()).isEmpty();
        assertThat(l.text()).isEqualTo("h\u00e9llo \uD83C\uDF89");
        assertThat(l.stop()).contains(StopReason.END_TURN);
        // released just after the listener returned from its terminal call
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> client.inFlight() == 0);
        assertThat(server.takeRequest(Duration.ofSeconds(1)).path()).isEqualTo("/v1/x");
    }

    @Test
    void httpErrorsBecomeTypedErrors() {
        server.enqueue(Reply.json(429, "{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}").header("retry-after", "3"));
        assertThat(run(server.uri("/")).await().error()).contains(new ModelError.RateLimited("p", Duration.ofSeconds(3)));
        server.enqueue(Reply.json(500, "{\"error\":{\"message\":\"boom\"}}"));
        assertThat(run(server.uri("/")).await().error()).contains(new ModelError.Http("p", 500, "boom"));
    }

    @Test
    void truncatedBadAndNonSseBodiesAreMalformed() {
        server.enqueue(Reply.sse(Sse.events().event("text", "a").build()));
        assertThat(run(server.uri("/")).await().error()).get().isInstanceOf(ModelError.MalformedStream.class)
                .extracting(ModelError::message).asString().contains("without 'done' (truncated)");
        server.enqueue(Reply.sse("event: text\ndata: a\n\nevent: text\ndata: cut off"));
        assertThat(run(server.uri("/")).await().error().orElseThrow().message()).contains("ended inside an event");
        server.enqueue(Reply.sse(Sse.events().event("what", "x").build()));
        assertThat(run(server.uri("/")).await().error().orElseThrow().message()).contains("event #1 'what': unknown event");
        server.enqueue(Reply.json(200, "{\"hello\":1}"));
        assertThat(run(server.uri("/")).await().error().orElseThrow().message())
                .contains("expected text/event-stream but got 'application/json'");
    }

    @Test
    void cancelAbortsTheExchangePromptly() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch reached = new CountDownLatch(1);
        String body = Sse.events().event("text", "first").event("text", "second").event("done", "{}").build();
        Reply reply = Reply.sse(body).reachedText("event: text\ndata: second", reached).pauseBeforeText("event: text\ndata: second", gate);
        server.enqueue(reply);
        RecordingListener l = new RecordingListener();
        ProviderStream s = start(server.uri("/"), l);
        assertThat(reached.await(5, TimeUnit.SECONDS)).isTrue();
        l.awaitFirstEvent();
        long t0 = System.nanoTime();
        s.cancel();
        l.await(Duration.ofSeconds(2));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        assertThat(l.error()).contains(new ModelError.Cancelled());
        assertThat(l.text()).isEqualTo("first");
        gate.countDown();
        assertThat(reply.awaitFinished(5000)).isTrue(); // the server saw the client leave or finished writing
        // released just after the listener returned from its terminal call
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> client.inFlight() == 0);
    }

    @Test
    void idleStreamsTimeOut() throws Exception {
        client.close();
        client = new StreamingClient("p", StreamSettings.ofMillis(2000, 5000, 200, 1000), Diagnostics.NONE);
        CountDownLatch gate = new CountDownLatch(1);
        server.enqueue(Reply.sse(Sse.events().event("text", "a").event("done", "{}").build()).pauseBeforeText("event: done", gate));
        RecordingListener l = run(server.uri("/")).await();
        gate.countDown();
        assertThat(l.error()).contains(new ModelError.Timeout("p", Duration.ofMillis(200)));
        assertThat(l.text()).isEqualTo("a");
    }

    @Test
    void unreachableServerIsProviderUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RecordingListener l = run(URI.create("http://127.0.0.1:" + port + "/")).await();
        assertThat(l.error()).contains(new ModelError.ProviderUnavailable("p"));
        assertThat(l.exception().getCause()).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void closeLetsRunningStreamsFinishThenRefusesNewOnes() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch reached = new CountDownLatch(1);
        server.enqueue(Reply.sse(Sse.events().event("text", "a").event("text", "b").event("done", "{}").build())
                .reachedText("event: text\ndata: b", reached).pauseBeforeText("event: text\ndata: b", gate));
        RecordingListener l = run(server.uri("/"));
        assertThat(reached.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(client::close);
        // closing: new streams are refused while the running one goes on
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> client.open(new RecordingListener())).isInstanceOf(ModelException.class)
                        .extracting(e -> ((ModelException) e).error()).isEqualTo(new ModelError.ProviderUnavailable("p")));
        assertThat(closed).isNotDone();
        gate.countDown();
        assertThat(closed.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(l.await().stop()).contains(StopReason.END_TURN);
        assertThat(l.text()).isEqualTo("ab");
    }

    @Test
    void closeEndsStreamsThatOutliveTheDrainTimeout() throws Exception {
        client.close();
        client = new StreamingClient("p", StreamSettings.ofMillis(2000, 5000, 60000, 300), Diagnostics.NONE);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch reached = new CountDownLatch(1);
        server.enqueue(Reply.sse(Sse.events().event("text", "a").event("done", "{}").build())
                .reachedText("event: done", reached).pauseBeforeText("event: done", gate));
        RecordingListener l = run(server.uri("/"));
        assertThat(reached.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(client.close()).isFalse();
        assertThat(l.await().error()).contains(new ModelError.ProviderUnavailable("p"));
        gate.countDown();
    }
}
