package dev.trellis.api.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Sampling and length settings; empty means the provider's default.
 *
 * @param maxOutputTokens most tokens to generate, at least 1
 * @param temperature     0.0 to 2.0
 * @param stopSequences   texts that end generation ({@link StopReason#STOP_SEQUENCE})
 */
public record GenerationParams(OptionalInt maxOutputTokens, OptionalDouble temperature, List<String> stopSequences) {

    public static final GenerationParams DEFAULT = new GenerationParams(OptionalInt.empty(), OptionalDouble.empty(),
            List.of());

    public GenerationParams {
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        Objects.requireNonNull(temperature, "temperature");
        stopSequences = List.copyOf(Objects.requireNonNull(stopSequences, "stopSequences"));
        if (maxOutputTokens.isPresent() && maxOutputTokens.getAsInt() < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be >= 1, was " + maxOutputTokens.getAsInt());
        }
        if (temperature.isPresent() && !(temperature.getAsDouble() >= 0.0 && temperature.getAsDouble() <= 2.0)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature.getAsDouble());
        }
    }
}
