package dev.trellis.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.provider.testing.RecordingListener;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProviderStreamTest {

    private final AtomicInteger finished = new AtomicInteger();

    private ProviderStream stream(RecordingListener l) {
        return new ProviderStream("p", l, s -> finished.incrementAndGet());
    }

    @Test
    void deliversInOrderAndClosesOpenToolCallsAtStop() throws Exception {
        RecordingListener l = new RecordingListener();
        ProviderStream s = stream(l);
        s.text("Hel");
        s.text("");
        s.text("lo");
        s.thinking("", Optional.empty()); // dropped
        s.toolStart(0, "call_1", "get_weather");
        s.toolDelta(0, "{\"city\":");
        s.toolDelta(0, "\"Paris\"}");
        s.toolStart(1, "call_2", "get_time");
        s.toolEnd(1);
        s.usage(10, 5, 2, 0);
        s.stop(StopReason.TOOL_USE);
        s.text("after stop"); // dropped
        s.fail(new ModelError.Overloaded("p")); // no-op
        l.await();
        assertThat(l.violations()).isEmpty();
        assertThat(l.events()).containsExactly(new StreamEvent.TextDelta("Hel"), new StreamEvent.TextDelta("lo"),
                new StreamEvent.ToolCallStart(0, "call_1", "get_weather"), new StreamEvent.ToolCallDelta(0, "{\"city\":"),
                new StreamEvent.ToolCallDelta(0, "\"Paris\"}"), new StreamEvent.ToolCallStart(1, "call_2", "get_time"),
                new StreamEvent.ToolCallEnd(1), new StreamEvent.Usage(10, 5, 2, 0), new StreamEvent.ToolCallEnd(0),
                new StreamEvent.Stop(StopReason.TOOL_USE));
        assertThat(s.completion().toCompletableFuture().get(1, TimeUnit.SECONDS)).isEqualTo(StopReason.TOOL_USE);
        assertThat(finished).hasValue(1);
    }

    @Test
    void toolProtocolBreachesAreMalformed() {
        ProviderStream s = stream(new RecordingListener());
        assertThatThrownBy(() -> s.toolDelta(3, "x")).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("never started");
        s.toolStart(0, "a", "b");
        assertThatThrownBy(() -> s.toolStart(0, "a", "b")).hasMessageContaining("started twice");
        s.toolEnd(0);
        assertThatThrownBy(() -> s.toolEnd(0)).hasMessageContaining("already ended");
    }

    @Test
    void cancelDeliversCancelledOnceAndFailsTheCompletion() {
        RecordingListener l = new RecordingListener();
        ProviderStream s = stream(l);
        AtomicInteger aborts = new AtomicInteger();
        s.onAbort(aborts::incrementAndGet);
        s.text("a");
        s.cancel();
        s.cancel();
        s.stop(StopReason.END_TURN);
        l.await();
        assertThat(l.error()).contains(new ModelError.Cancelled());
        assertThat(l.violations()).isEmpty();
        assertThat(aborts).hasValue(1);
        assertThatThrownBy(() -> s.completion().toCompletableFuture().get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ModelException.class);
        // an abort registered after the failure runs at once
        s.onAbort(aborts::incrementAndGet);
        assertThat(aborts).hasValue(2);
        assertThat(finished).hasValue(1);
    }

    @Test
    void aListenerThatThrowsEndsTheStream() {
        RecordingListener l = new RecordingListener().throwOn(e -> e instanceof StreamEvent.TextDelta t && t.text().equals("2"));
        ProviderStream s = stream(l);
        AtomicInteger aborts = new AtomicInteger();
        s.onAbort(aborts::incrementAndGet);
        s.text("1");
        s.text("2");
        s.text("3");
        s.stop(StopReason.END_TURN);
        assertThat(l.events()).containsExactly(new StreamEvent.TextDelta("1"), new StreamEvent.TextDelta("2"));
        assertThat(l.isDone()).isFalse(); // no terminal call after the listener broke
        assertThat(aborts).hasValue(1);
        assertThatThrownBy(() -> s.completion().toCompletableFuture().get(1, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ModelException.class).cause().hasRootCauseMessage("listener fails on purpose at TextDelta[text=2]");
        assertThat(finished).hasValue(1);
    }

    @Test
    void cancelFromAnotherThreadNeverOverlapsADelivery() throws Exception {
        for (int round = 0; round < 200; round++) {
            RecordingListener l = new RecordingListener();
            ProviderStream s = stream(l);
            CountDownLatch go = new CountDownLatch(1);
            Thread canceller = Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                s.cancel();
            });
            go.countDown();
            for (int i = 0; i < 50; i++) {
                s.text("x");
            }
            s.stop(StopReason.END_TURN);
            canceller.join();
            l.await();
            assertThat(l.violations()).as("round %d", round).isEmpty();
        }
    }
}
