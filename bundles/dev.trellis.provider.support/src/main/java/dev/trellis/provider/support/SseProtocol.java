package dev.trellis.provider.support;

import dev.trellis.api.model.ModelError;

/**
 * One vendor's streaming wire format: reads {@link SseEvent}s, writes {@code StreamEvent}s. One instance
 * per stream (it may keep state: open blocks, seen indexes). Called by one thread at a time.
 */
public interface SseProtocol {

    /**
     * Maps one event. Events after the stream ended are not passed.
     *
     * @throws MalformedEventException for data that is not JSON, of an unknown shape or out of order
     */
    void onEvent(SseEvent event, ProviderStream out);

    /** Name of the event that ends a complete stream, for the truncation message. */
    String terminalEvent();

    /**
     * The body ended and the stream has not: by default a truncation ({@code MalformedStream}). A
     * format whose end is the end of the body overrides this.
     */
    default void onEnd(ProviderStream out, int events) {
        out.fail(new ModelError.MalformedStream(out.provider(),
                "the stream ended after " + events + " event(s) without " + terminalEvent() + " (truncated)"));
    }
}
