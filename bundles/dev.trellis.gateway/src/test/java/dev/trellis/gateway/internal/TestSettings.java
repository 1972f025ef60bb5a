package dev.trellis.gateway.internal;

import dev.trellis.api.model.ModelId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Gateway settings for tests: no jitter, no rate limits, no timeouts unless a test sets them. */
final class TestSettings {

    Optional<ModelId> defaultModel = Optional.empty();
    List<ModelId> candidates = GatewaySettings.defaults().candidates();
    RetryPolicy retry = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0);
    GatewaySettings.Limits defaultLimits = new GatewaySettings.Limits(0, 0);
    Map<String, GatewaySettings.Limits> limits = Map.of();
    Duration rateMaxWait = Duration.ofSeconds(60);
    Duration firstEvent = Duration.ZERO;
    Duration idle = Duration.ZERO;
    Duration unknownWait = Duration.ofSeconds(5);
    Duration swapWait = Duration.ofSeconds(60);
    Duration drain = Duration.ofSeconds(60);
    Duration modelsCache = Duration.ofMinutes(5);

    GatewaySettings build() {
        return new GatewaySettings(defaultModel, candidates, retry, defaultLimits, limits, rateMaxWait, firstEvent, idle,
                unknownWait, swapWait, drain, modelsCache, 20, 50);
    }
}
