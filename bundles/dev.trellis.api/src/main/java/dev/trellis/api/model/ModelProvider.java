package dev.trellis.api.model;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One wire protocol to a family of models, registered as a service by a provider bundle
 * ({@code dev.trellis.provider.openai}, {@code ...anthropic}, {@code ...scripted}) with the service
 * properties {@value #PROVIDER_ID} and {@value #MODELS}. The gateway picks the provider whose id is
 * the provider part of the requested {@link ModelId}; nobody else should call it.
 *
 * <p><b>Why {@code @ProviderType}.</b> In OSGi semantic versioning the "consumer" role is taken by
 * code that <em>uses</em> an API (here: the gateway) and the "provider" role by code that
 * <em>implements its function</em> (here: the provider bundles). {@code @ConsumerType} would be right
 * for an interface that arbitrary API users implement as a callback (like {@link StreamListener}):
 * any added method would then be a major change that breaks every caller too. A provider SPI is
 * implemented by a small set of bundles that are built against the API: with {@code @ProviderType},
 * bnd gives implementing bundles the narrow import range {@code [1.0,1.1)} so a provider built
 * against an older minor version is not wired to a newer API (no {@code AbstractMethodError}), while
 * the gateway, which only calls, keeps {@code [1.0,2)}; adding a method is then a minor change.
 *
 * <p>Implementations are thread-safe and do not block in {@link #stream}: they start the request
 * and return. They must honour {@link StreamHandle#cancel()} promptly, never log credentials, and
 * report failures through {@link StreamListener#onError} with the matching {@link ModelError} kind
 * (map HTTP 429 to {@code RateLimited} with the Retry-After hint, 401/403 to {@code Unauthorized},
 * 5xx to {@code Http}).
 */
@ProviderType
public interface ModelProvider {

    /** Service property: the provider id, e.g. {@code openai} (matches {@link ModelId#PROVIDER}). */
    String PROVIDER_ID = "provider.id";

    /** Service property: glob patterns of model names served, e.g. {@code gpt-5*}; absent = all. */
    String MODELS = "provider.models";

    /** The provider id; equal to the {@value #PROVIDER_ID} property. */
    String id();

    /**
     * Models known to be available. May call the network; the gateway caches the answer.
     *
     * @throws ModelException {@code Unauthorized}, {@code Http}, {@code Timeout}
     */
    List<ModelInfo> models();

    /**
     * Starts streaming an answer.
     *
     * @throws ModelException only for errors detected before any I/O ({@code TierMismatch},
     *                        {@code BadRequest} for a request this provider cannot express); all later
     *                        failures go to {@code listener.onError}
     */
    StreamHandle stream(ChatRequest request, StreamListener listener);
}
