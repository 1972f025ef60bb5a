package dev.trellis.agent.internal.turn;

import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.Role;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Collects one streamed answer into an assistant message: thinking, text and tool calls (assembled
 * from their start/delta/end events by index), the last usage and the stop reason. Each delta and
 * each completed tool call is handed to {@code sink} as it arrives, so the turn's events stream live.
 */
final class ModelCall implements StreamListener {

    /** What the model answered. */
    record Answer(ChatMessage message, List<ContentPart.ToolCall> toolCalls, StopReason stop, StreamEvent.Usage usage,
            boolean anyOutput) {
    }

    /** What arrives live: text and thinking deltas, completed tool calls. */
    sealed interface Piece permits TextPiece, ThinkingPiece, ToolPiece {
    }

    record TextPiece(String delta) implements Piece {
    }

    record ThinkingPiece(String delta) implements Piece {
    }

    record ToolPiece(ContentPart.ToolCall call) implements Piece {
    }

    private static final StreamEvent.Usage NO_USAGE = new StreamEvent.Usage(0, 0, 0, 0);

    private final Consumer<Piece> sink;
    private final CompletableFuture<Answer> done = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private Optional<String> signature = Optional.empty();
    private final Map<Integer, Call> calls = new TreeMap<>();
    private StreamEvent.Usage usage = NO_USAGE;
    private boolean anyOutput;

    private static final class Call {
        final String id;
        final String name;
        final StringBuilder args = new StringBuilder();
        boolean ended;

        Call(String id, String name) {
            this.id = id;
            this.name = name;
        }

        ContentPart.ToolCall part() {
            return new ContentPart.ToolCall(id, name, args.toString());
        }
    }

    ModelCall(Consumer<Piece> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void onEvent(StreamEvent event) {
        switch (event) {
            case StreamEvent.TextDelta t -> {
                anyOutput = true;
                text.append(t.text());
                sink.accept(new TextPiece(t.text()));
            }
            case StreamEvent.ThinkingDelta t -> {
                anyOutput = true;
                thinking.append(t.text());
                if (t.signature().isPresent()) {
                    signature = t.signature();
                }
                sink.accept(new ThinkingPiece(t.text()));
            }
            case StreamEvent.ToolCallStart s -> {
                anyOutput = true;
                calls.put(s.index(), new Call(s.callId(), s.name()));
            }
            case StreamEvent.ToolCallDelta d -> {
                Call c = calls.get(d.index());
                if (c == null) {
                    throw malformed("arguments for tool call " + d.index() + " before its start");
                }
                c.args.append(d.argumentsFragment());
            }
            case StreamEvent.ToolCallEnd e -> {
                Call c = calls.get(e.index());
                if (c == null) {
                    throw malformed("end of tool call " + e.index() + " before its start");
                }
                c.ended = true;
                sink.accept(new ToolPiece(c.part()));
            }
            case StreamEvent.Usage u -> usage = u;
            case StreamEvent.Stop s -> done.complete(answer(s.reason()));
        }
    }

    /** Ends the answer with the error and returns it to be thrown (which cancels the stream). */
    private ModelException malformed(String detail) {
        ModelException e = new ModelException(new ModelError.MalformedStream("gateway", detail));
        done.completeExceptionally(e);
        return e;
    }

    @Override
    public void onError(ModelException error) {
        done.completeExceptionally(error);
    }

    private Answer answer(StopReason stop) {
        List<ContentPart> parts = new ArrayList<>();
        if (!thinking.isEmpty() || signature.isPresent()) {
            parts.add(new ContentPart.Thinking(thinking.toString(), signature));
        }
        if (!text.isEmpty()) {
            parts.add(new ContentPart.Text(text.toString()));
        }
        List<ContentPart.ToolCall> toolCalls = new ArrayList<>();
        for (Call c : calls.values()) {
            ContentPart.ToolCall part = c.part();
            if (!c.ended) {
                // a stream that stops without closing a call still made it; announce it now
                sink.accept(new ToolPiece(part));
            }
            toolCalls.add(part);
        }
        // what is sent back later must be valid: a call with broken arguments is replayed with {}
        // (its error result quotes what the model sent)
        for (ContentPart.ToolCall c : toolCalls) {
            parts.add(ToolDispatcher.argumentsProblem(c).isPresent()
                    ? new ContentPart.ToolCall(c.callId(), c.name(), "{}") : c);
        }
        if (parts.isEmpty()) {
            parts.add(new ContentPart.Text(""));
        }
        return new Answer(new ChatMessage(Role.ASSISTANT, parts), toolCalls, stop, usage, anyOutput);
    }

    /** Waits for the answer. @throws ModelException what the stream failed with */
    Answer await() throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ModelException m) {
                throw m;
            }
            throw new ModelException(new ModelError.MalformedStream("gateway", String.valueOf(e.getCause())), e.getCause());
        }
    }

    /** True if anything reached the listener (text, thinking or a tool call). */
    boolean anyOutput() {
        return anyOutput;
    }
}
