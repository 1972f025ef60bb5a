package dev.trellis.agent.internal.testing;

import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.ProviderStatus;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.Role;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model gateway that plays scripted answers in order (then echoes the last user text), each on its
 * own virtual thread as a provider would. Records every request; counts concurrent streams.
 */
public final class FakeGateway implements ModelGateway {

    /** One scripted answer. */
    public sealed interface Script permits Answer, Failure, Refuse, Held {
    }

    /** These events, in order. */
    public record Answer(List<StreamEvent> events) implements Script {
    }

    /** onError with this error after the events. */
    public record Failure(List<StreamEvent> before, ModelError error) implements Script {
    }

    /** stream() itself throws (e.g. ProviderUnavailable). */
    public record Refuse(ModelError error) implements Script {
    }

    /** Waits for {@code release} (or a cancel) before playing {@code then}; counts down {@code started}. */
    public record Held(CountDownLatch started, CountDownLatch release, Script then) implements Script {
    }

    public final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Script> scripts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    public volatile List<ModelInfo> models = List.of();
    /** What {@link #defaultModel()} answers. */
    public volatile dev.trellis.api.model.ModelId defaultModel = FALLBACK_MODEL;

    @Override
    public dev.trellis.api.model.ModelId defaultModel() {
        return defaultModel;
    }

    public FakeGateway then(Script s) {
        scripts.add(s);
        return this;
    }

    public FakeGateway thenText(String text) {
        return then(text(text));
    }

    public static Answer text(String text) {
        return new Answer(List.of(new StreamEvent.TextDelta(text), new StreamEvent.Usage(10, 5, 0, 0),
                new StreamEvent.Stop(StopReason.END_TURN)));
    }

    /** One tool call with these arguments, stop reason tool_use. */
    public static Answer toolCall(String callId, String name, String args) {
        return new Answer(List.of(new StreamEvent.ToolCallStart(0, callId, name), new StreamEvent.ToolCallDelta(0, args),
                new StreamEvent.ToolCallEnd(0), new StreamEvent.Usage(20, 7, 100, 3), new StreamEvent.Stop(StopReason.TOOL_USE)));
    }

    public int maxConcurrentStreams() {
        return maxRunning.get();
    }

    /** The last request's last user text. */
    public String lastUserText() {
        return userText(requests.getLast());
    }

    static String userText(ChatRequest r) {
        for (int i = r.messages().size() - 1; i >= 0; i--) {
            ChatMessage m = r.messages().get(i);
            if (m.role() == Role.USER) {
                ContentPart last = m.parts().getLast();
                return last instanceof ContentPart.Text t ? t.text() : "";
            }
        }
        return "";
    }

    @Override
    public StreamHandle stream(ChatRequest request, StreamListener listener) {
        requests.add(request);
        Script script = Optional.ofNullable(scripts.poll()).orElseGet(() -> text("echo: " + userText(request)));
        if (script instanceof Refuse r) {
            throw new ModelException(r.error());
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<StopReason> done = new CompletableFuture<>();
        CountDownLatch cancelSignal = new CountDownLatch(1);
        // a stream is open from stream() until its terminal call is about to be made
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        StreamListener counted = new StreamListener() {
            @Override
            public void onEvent(StreamEvent event) {
                if (event instanceof StreamEvent.Stop) {
                    running.decrementAndGet();
                }
                listener.onEvent(event);
            }

            @Override
            public void onError(ModelException error) {
                running.decrementAndGet();
                listener.onError(error);
            }
        };
        Thread.ofVirtual().start(() -> play(script, counted, cancelled, cancelSignal, done));
        return new StreamHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
                cancelSignal.countDown();
            }

            @Override
            public CompletionStage<StopReason> completion() {
                return done;
            }
        };
    }

    private void play(Script script, StreamListener listener, AtomicBoolean cancelled, CountDownLatch cancelSignal,
            CompletableFuture<StopReason> done) {
        switch (script) {
            case Held h -> {
                h.started().countDown();
                try {
                    while (!h.release().await(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        if (cancelSignal.getCount() == 0) {
                            break;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (cancelled.get()) {
                    cancelledEnd(listener, done);
                    return;
                }
                play(h.then(), listener, cancelled, cancelSignal, done);
            }
            case Answer a -> {
                for (StreamEvent e : a.events()) {
                    if (cancelled.get()) {
                        cancelledEnd(listener, done);
                        return;
                    }
                    listener.onEvent(e);
                    if (e instanceof StreamEvent.Stop s) {
                        done.complete(s.reason());
                    }
                }
            }
            case Failure f -> {
                f.before().forEach(listener::onEvent);
                ModelException ex = new ModelException(f.error());
                listener.onError(ex);
                done.completeExceptionally(ex);
            }
            case Refuse r -> throw new IllegalStateException("handled in stream()");
        }
    }

    private static void cancelledEnd(StreamListener listener, CompletableFuture<StopReason> done) {
        ModelException ex = new ModelException(new ModelError.Cancelled());
        listener.onError(ex);
        done.completeExceptionally(ex);
    }

    @Override
    public List<ModelInfo> models() {
        return models;
    }

    @Override
    public List<ProviderStatus> status() {
        return List.of();
    }
}
