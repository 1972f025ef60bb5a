package dev.trellis.api.gateway;

import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Streams model requests to the right {@code ModelProvider}.
 *
 * <p><b>Routing.</b> The provider part of {@link ChatRequest#model()} selects the provider services
 * whose {@code provider.id} property matches; of several, the one with the highest
 * {@code service.ranking} serves, and of equal rankings the newest (highest {@code service.id}).
 *
 * <p><b>Retries.</b> Retryable failures ({@code ModelError.retryable()}) are retried with exponential
 * backoff honouring the provider's Retry-After, but only while nothing has reached the listener; after
 * the first event, failures go straight to {@code onError}. When retries run out the listener gets the
 * last error ({@code RateLimited} carries the hint). A provider's {@code RateLimited} with a zero
 * {@code retryAfter} means "no hint" (the gateway backs off on its own; a final one is reported with 60 s).
 * An {@code Unauthorized} answer leads to one forced credential refresh and one more try.
 *
 * <p><b>Hot swap.</b> A stream keeps the provider instance it started on. When a provider service is
 * replaced, new requests go to the new instance and the old one finishes its in-flight streams before
 * it is released; no request fails because of the swap. A request that arrives while no instance of
 * its provider is registered waits (bounded) for one to appear.
 */
@ProviderType
public interface ModelGateway {

    /**
     * The model {@link #defaultModel()} falls back to: the offline scripted echo model, which needs no
     * credentials.
     *
     * @since 1.1
     */
    ModelId FALLBACK_MODEL = new ModelId("scripted", "echo");

    /**
     * Optional service property of a {@code ModelProvider}: how long (whole seconds, an Integer, Long or
     * String) the gateway may cache the provider's {@code models()}; {@code 0} = ask every time (for providers
     * whose list is in memory and changes, like the scripted one). Absent: the gateway's own setting.
     *
     * @since 1.1
     */
    String MODELS_TTL = "provider.models.ttl";

    /**
     * Starts a stream and returns at once; never blocks on the network, on a rate limit or on a provider
     * swap. Every outcome reaches {@code listener}: events, then exactly one terminal call
     * ({@code StreamEvent.Stop} or {@code onError}). The listener may be called before this method
     * returns (e.g. {@code BadRequest} or {@code TierMismatch} found before any I/O).
     *
     * <p>If no provider instance for the model's provider id is registered, the request waits for one:
     * briefly for a provider id the gateway has never seen, longer for one that is being replaced (both
     * bounds are configuration of the gateway); when the wait runs out the listener gets
     * {@code ProviderUnavailable}.
     *
     * <p>Since 1.1 failures are never thrown from this method (earlier drafts threw
     * {@code ProviderUnavailable} and {@code TierMismatch}); callers that still catch
     * {@link dev.trellis.api.model.ModelException} here are harmless.
     *
     * @throws NullPointerException if an argument is null
     */
    StreamHandle stream(ChatRequest request, StreamListener listener);

    /** Models of all registered providers (cached; providers that fail to list are left out). */
    List<ModelInfo> models();

    /** A snapshot per registered provider, ordered by provider id. */
    List<ProviderStatus> status();

    /**
     * The model to use when an agent's configuration names none. The gateway's own configuration decides
     * ({@code default.model}); without one, the first of its configured candidate models whose provider is
     * registered and has a credential; without such a candidate, {@link #FALLBACK_MODEL}. Never blocks on
     * the network. The default implementation (for gateways that predate 1.1, and test doubles) returns
     * {@link #FALLBACK_MODEL}.
     *
     * @return a model id; its provider may still be absent (requests then wait, then fail with
     *         {@code ProviderUnavailable})
     * @since 1.1
     */
    default ModelId defaultModel() {
        return FALLBACK_MODEL;
    }

    /**
     * Everything the gateway knows right now, for console pages and shell commands: per provider its
     * instances (bundle, version, in-flight streams, role), models, rate-limit state and recent errors,
     * plus the history of provider swaps. The default implementation builds it from {@link #status()}
     * with no instances, models, errors or swaps.
     *
     * @since 1.1
     */
    default GatewaySnapshot snapshot() {
        List<ProviderDetails> providers = status().stream()
                .map(s -> new ProviderDetails(s, List.of(), List.of(), RateLimitState.UNLIMITED, List.of()))
                .toList();
        return new GatewaySnapshot(Instant.now(), defaultModel(), providers, List.of());
    }
}
