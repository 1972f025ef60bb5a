package dev.trellis.api.gateway;

import dev.trellis.api.model.ModelId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ModelGateway#snapshot()} returns.
 *
 * @param takenAt      when the snapshot was taken
 * @param defaultModel what {@link ModelGateway#defaultModel()} answers
 * @param providers    one entry per provider id with at least one registered instance, ordered by id
 * @param swaps        provider instances coming and going, newest first (bounded)
 * @since 1.1
 */
public record GatewaySnapshot(Instant takenAt, ModelId defaultModel, List<ProviderDetails> providers,
        List<SwapEvent> swaps) {
    public GatewaySnapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(defaultModel, "defaultModel");
        providers = List.copyOf(Objects.requireNonNull(providers, "providers"));
        swaps = List.copyOf(Objects.requireNonNull(swaps, "swaps"));
    }
}
