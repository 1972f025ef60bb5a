package dev.trellis.provider.support;

import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One running stream: the {@link StreamHandle} the caller holds and the sink the wire mapper writes
 * {@link StreamEvent}s into.
 *
 * <p><b>Delivery.</b> Events are queued and delivered by whichever thread finds the queue idle (a
 * trampoline), so listener calls come from one thread at a time, in order, and nobody blocks: not the
 * HTTP thread, not {@link #cancel()}. The first terminal ({@link #stop} or {@link #fail}) wins and nothing
 * is queued after it; {@link #completion()} completes once the listener returned from it. A listener
 * that throws ends the stream: the exchange is aborted, no further calls, and the completion fails with
 * {@code Cancelled} carrying the listener's exception.
 *
 * <p><b>Producer side.</b> {@link #text}, {@link #toolStart} and the other event methods are called by
 * one thread at a time (the HTTP body subscriber's signals are sequential). They check the tool-call
 * protocol (start before deltas, one start per index, end once) and throw
 * {@link MalformedEventException} when the wire breaks it.
 */
public final class ProviderStream implements StreamHandle {

    private final String provider;
    private final StreamListener listener;
    private final Consumer<ProviderStream> onFinished;
    private final CompletableFuture<StopReason> completion = new CompletableFuture<>();

    private final ConcurrentLinkedQueue<Runnable> deliveries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Runnable> aborts = new ConcurrentLinkedQueue<>();
    private volatile boolean aborted;
    private volatile boolean listenerBroken;
    private boolean terminalDelivered; // only touched by the delivering thread
    private volatile long lastActivity = System.nanoTime();
    private volatile Redactor redactor = Redactor.SHAPES_ONLY;

    /** Tool calls by index: true while open (producer-side state). */
    private final TreeMap<Integer, Boolean> calls = new TreeMap<>();

    /**
     * @param onFinished called once, after the terminal call returned (or the listener broke)
     */
    public ProviderStream(String provider, StreamListener listener, Consumer<ProviderStream> onFinished) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.onFinished = Objects.requireNonNull(onFinished, "onFinished");
    }

    public String provider() {
        return provider;
    }

    // ---- producer side -------------------------------------------------------------------------

    /** More answer text (empty text is dropped). */
    public void text(String text) {
        if (!text.isEmpty()) {
            emit(new StreamEvent.TextDelta(text));
        }
    }

    /** More reasoning text and/or the block's signature (an event with neither is dropped). */
    public void thinking(String text, Optional<String> signature) {
        if (!text.isEmpty() || signature.isPresent()) {
            emit(new StreamEvent.ThinkingDelta(text, signature));
        }
    }

    /** @throws MalformedEventException if {@code index} was started before */
    public void toolStart(int index, String callId, String name) {
        if (calls.containsKey(index)) {
            throw new MalformedEventException("tool call " + index + " started twice");
        }
        calls.put(index, true);
        emit(new StreamEvent.ToolCallStart(index, callId, name));
    }

    /** @throws MalformedEventException if call {@code index} is not open */
    public void toolDelta(int index, String fragment) {
        requireOpen(index, "arguments for");
        if (!fragment.isEmpty()) {
            emit(new StreamEvent.ToolCallDelta(index, fragment));
        }
    }

    /** @throws MalformedEventException if call {@code index} is not open */
    public void toolEnd(int index) {
        requireOpen(index, "end of");
        calls.put(index, false);
        emit(new StreamEvent.ToolCallEnd(index));
    }

    public boolean isToolOpen(int index) {
        return Boolean.TRUE.equals(calls.get(index));
    }

    /** True if a tool call was started in this stream. */
    public boolean hasToolCalls() {
        return !calls.isEmpty();
    }

    /** Token counts; see {@link StreamEvent.Usage}. Negative counts are clamped to 0. */
    public void usage(long input, long output, long cacheRead, long cacheCreation) {
        emit(new StreamEvent.Usage(Math.max(0, input), Math.max(0, output), Math.max(0, cacheRead),
                Math.max(0, cacheCreation)));
    }

    /** Closes tool calls still open (in index order), then ends the stream with {@code Stop}. */
    public void stop(StopReason reason) {
        Objects.requireNonNull(reason, "reason");
        if (ended.get()) {
            return;
        }
        for (var e : calls.entrySet()) {
            if (e.getValue()) {
                e.setValue(false);
                emit(new StreamEvent.ToolCallEnd(e.getKey()));
            }
        }
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        StreamEvent.Stop stop = new StreamEvent.Stop(reason);
        enqueue(() -> {
            terminalDelivered = true;
            try {
                listener.onEvent(stop);
            } finally {
                completion.complete(reason);
                release();
            }
        });
    }

    /** Ends the stream with an error (no-op if it already ended) and aborts the HTTP exchange. */
    public void fail(ModelError error) {
        fail(error, null);
    }

    public void fail(ModelError error, Throwable cause) {
        Objects.requireNonNull(error, "error");
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        abortExchange();
        ModelException exception = new ModelException(error, cause);
        enqueue(() -> {
            terminalDelivered = true;
            try {
                listener.onError(exception);
            } finally {
                completion.completeExceptionally(exception);
                release();
            }
        });
    }

    /** True once a terminal was queued: later events are dropped. */
    public boolean isEnded() {
        return ended.get();
    }

    /** Registers how to abort the exchange; runs it at once if the stream already failed. */
    public void onAbort(Runnable abort) {
        aborts.add(abort);
        if (aborted) {
            abortExchange();
        }
    }

    /** Marks network activity (resets the idle clock). */
    public void touch() {
        lastActivity = System.nanoTime();
    }

    /** Nanoseconds since the last network activity. */
    public long idleNanos() {
        return System.nanoTime() - lastActivity;
    }

    /** Cleans network text of this request's secrets. */
    public Redactor redactor() {
        return redactor;
    }

    /** Adds the request's secrets to what {@link #redactor()} removes. */
    public void protect(String... secrets) {
        redactor = redactor.with(secrets);
    }

    // ---- StreamHandle --------------------------------------------------------------------------

    @Override
    public void cancel() {
        fail(new ModelError.Cancelled());
    }

    @Override
    public CompletionStage<StopReason> completion() {
        return completion.minimalCompletionStage();
    }

    // ---- delivery ------------------------------------------------------------------------------

    private void emit(StreamEvent event) {
        if (ended.get()) {
            return;
        }
        // The check above races with a terminal queued by another thread (cancel): an event queued
        // behind the terminal is dropped when its turn comes.
        enqueue(() -> {
            if (!terminalDelivered) {
                listener.onEvent(event);
            }
        });
    }

    private void requireOpen(int index, String what) {
        Boolean open = calls.get(index);
        if (open == null) {
            throw new MalformedEventException(what + " tool call " + index + ", which was never started");
        }
        if (!open) {
            throw new MalformedEventException(what + " tool call " + index + ", which already ended");
        }
    }

    private void enqueue(Runnable delivery) {
        deliveries.add(delivery);
        if (pending.getAndIncrement() != 0) {
            return; // another thread is delivering and will run it, in order
        }
        do {
            Runnable next = deliveries.poll();
            if (next != null && !listenerBroken) {
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    listenerThrew(e);
                }
            }
        } while (pending.decrementAndGet() != 0);
    }

    private void listenerThrew(Throwable e) {
        listenerBroken = true;
        ended.set(true);
        abortExchange();
        completion.completeExceptionally(new ModelException(new ModelError.Cancelled(), e));
        release();
    }

    private void abortExchange() {
        aborted = true;
        Runnable abort;
        while ((abort = aborts.poll()) != null) {
            try {
                abort.run();
            } catch (RuntimeException ignored) {
                // aborting a finished exchange may throw; the stream is over either way
            }
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            onFinished.accept(this);
        }
    }
}
