package dev.trellis.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives a streamed answer. Calls for one stream come from one thread at a time, in order. Exactly
 * one terminal call ends the stream: either {@link #onEvent} with a {@link StreamEvent.Stop}, or
 * {@link #onError}; nothing follows it. A listener should return quickly; a runtime exception it
 * throws cancels the stream (no further calls).
 */
@ConsumerType
public interface StreamListener {

    void onEvent(StreamEvent event);

    /** The stream failed (also after a cancel: {@link ModelError.Cancelled}). */
    void onError(ModelException error);
}
