package dev.trellis.api.gateway;

import dev.trellis.api.model.ModelInfo;
import java.util.List;
import java.util.Objects;

/**
 * One provider in a {@link GatewaySnapshot}.
 *
 * @param status       counters and state, as in {@link ModelGateway#status()}
 * @param instances    registered provider services with this id (serving first), and removed ones still
 *                     finishing streams
 * @param models       the serving instance's models (cached); empty if listing failed
 * @param rateLimit    the gateway's request budget for this provider
 * @param recentErrors failures of requests to this provider, newest first (bounded); retried attempts
 *                     are included
 * @since 1.1
 */
public record ProviderDetails(ProviderStatus status, List<ProviderInstance> instances, List<ModelInfo> models,
        RateLimitState rateLimit, List<RecentError> recentErrors) {
    public ProviderDetails {
        Objects.requireNonNull(status, "status");
        instances = List.copyOf(Objects.requireNonNull(instances, "instances"));
        models = List.copyOf(Objects.requireNonNull(models, "models"));
        Objects.requireNonNull(rateLimit, "rateLimit");
        recentErrors = List.copyOf(Objects.requireNonNull(recentErrors, "recentErrors"));
    }
}
