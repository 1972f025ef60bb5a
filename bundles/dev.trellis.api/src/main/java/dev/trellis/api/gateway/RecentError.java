package dev.trellis.api.gateway;

import dev.trellis.api.model.ModelId;
import java.time.Instant;
import java.util.Objects;

/**
 * One failed attempt of a request, as the gateway saw it.
 *
 * @param at        when
 * @param model     the requested model
 * @param kind      the {@code ModelError} kind, e.g. {@code RateLimited}, {@code Http}
 * @param message   the error's message (never holds credentials)
 * @param attempt   1 for the first try, 2 for the first retry, ...
 * @param retried   true if the gateway tried again after it (the caller did not see this error)
 * @since 1.1
 */
public record RecentError(Instant at, ModelId model, String kind, String message, int attempt, boolean retried) {
    public RecentError {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
    }
}
