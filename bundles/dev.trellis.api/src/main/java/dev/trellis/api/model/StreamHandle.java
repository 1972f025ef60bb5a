package dev.trellis.api.model;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/** Control of one running stream. */
@ProviderType
public interface StreamHandle {

    /**
     * Asks the stream to stop; the listener then receives {@code onError(Cancelled)} unless the stream
     * already ended. Idempotent; never blocks.
     */
    void cancel();

    /**
     * Completes with the stop reason after the listener received {@link StreamEvent.Stop}, or
     * exceptionally with the {@link ModelException} passed to {@code onError}.
     */
    CompletionStage<StopReason> completion();
}
