package dev.trellis.api.model;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A model a provider offers.
 *
 * @param id               {@code provider/model}
 * @param displayName      name for people
 * @param contextWindow    input limit in tokens, if known
 * @param supportsTools    accepts tool definitions
 * @param supportsThinking can stream reasoning
 */
public record ModelInfo(ModelId id, String displayName, OptionalInt contextWindow, boolean supportsTools,
        boolean supportsThinking) {
    public ModelInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(contextWindow, "contextWindow");
    }
}
