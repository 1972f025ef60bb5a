package dev.trellis.api.gateway;

import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Streams model requests to the right {@code ModelProvider}.
 *
 * <p><b>Retries.</b> Retryable failures ({@code ModelError.retryable()}) are retried with exponential
 * backoff honouring the provider's Retry-After, but only while nothing has reached the listener; after
 * the first event, failures go straight to {@code onError}. When retries run out the listener gets the
 * last error ({@code RateLimited} carries the hint).
 *
 * <p><b>Hot swap.</b> A stream keeps the provider instance it started on. When a provider service is
 * replaced, new requests go to the new instance and the old one finishes its in-flight streams before
 * it is released; no request fails because of the swap.
 */
@ProviderType
public interface ModelGateway {

    /**
     * Starts a stream; never blocks on the network.
     *
     * @throws dev.trellis.api.model.ModelException {@code ProviderUnavailable} if no provider serves the
     *         model's provider id (after a short wait for one to appear), {@code TierMismatch}
     */
    StreamHandle stream(ChatRequest request, StreamListener listener);

    /** Models of all registered providers (cached; providers that fail to list are left out). */
    List<ModelInfo> models();

    /** A snapshot per registered provider, ordered by provider id. */
    List<ProviderStatus> status();
}
