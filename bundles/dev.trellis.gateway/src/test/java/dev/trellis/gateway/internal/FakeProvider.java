package dev.trellis.gateway.internal;

import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.ModelProvider;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A provider whose streams the test plays by hand: each stream() call is a {@link Call} to drive. */
final class FakeProvider implements ModelProvider {

    final String id;
    final String name;
    final List<Call> calls = new ArrayList<>();
    private final Deque<ModelException> throwOnStream = new ArrayDeque<>();
    int modelListings;
    RuntimeException listingFails;

    FakeProvider(String id, String name) {
        this.id = id;
        this.name = name;
    }

    /** The next stream() call throws this instead of starting. */
    FakeProvider throwing(ModelError error) {
        throwOnStream.add(new ModelException(error));
        return this;
    }

    Call last() {
        return calls.getLast();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<ModelInfo> models() {
        modelListings++;
        if (listingFails != null) {
            throw listingFails;
        }
        return List.of(new ModelInfo(new ModelId(id, name + "-model"), name, OptionalInt.empty(), true, false));
    }

    @Override
    public StreamHandle stream(ChatRequest request, StreamListener listener) {
        if (!throwOnStream.isEmpty()) {
            throw throwOnStream.poll();
        }
        Call c = new Call(request, listener);
        calls.add(c);
        return c;
    }

    /** One stream of this provider. */
    final class Call implements StreamHandle {
        final ChatRequest request;
        final StreamListener listener;
        int cancels;
        private final CompletableFuture<StopReason> done = new CompletableFuture<>();

        Call(ChatRequest request, StreamListener listener) {
            this.request = request;
            this.listener = listener;
        }

        FakeProvider provider() {
            return FakeProvider.this;
        }

        Call text(String s) {
            listener.onEvent(new StreamEvent.TextDelta(s));
            return this;
        }

        void stop() {
            listener.onEvent(new StreamEvent.Stop(StopReason.END_TURN));
            done.complete(StopReason.END_TURN);
        }

        void fail(ModelError error) {
            ModelException e = new ModelException(error);
            listener.onError(e);
            done.completeExceptionally(e);
        }

        @Override
        public void cancel() {
            cancels++;
        }

        @Override
        public CompletionStage<StopReason> completion() {
            return done;
        }
    }
}
