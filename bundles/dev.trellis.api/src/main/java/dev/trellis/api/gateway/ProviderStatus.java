package dev.trellis.api.gateway;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway knows about one provider right now (for console pages and shell commands).
 *
 * @param providerId       the provider id
 * @param state            current state
 * @param inFlight         streams running now (including ones draining on an old instance)
 * @param requests         requests started since the gateway started
 * @param failures         requests that ended in an error
 * @param rateLimitedUntil when a rate limit is expected to lift, if limited
 * @param lastError        message of the last error, if any
 */
public record ProviderStatus(String providerId, State state, int inFlight, long requests, long failures,
        Optional<Instant> rateLimitedUntil, Optional<String> lastError) {

    public ProviderStatus {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(rateLimitedUntil, "rateLimitedUntil");
        Objects.requireNonNull(lastError, "lastError");
        if (inFlight < 0 || requests < 0 || failures < 0) {
            throw new IllegalArgumentException("counters must be >= 0");
        }
    }

    /** Whether the provider takes new requests. */
    public enum State {
        /** Taking requests. */
        AVAILABLE,
        /** Taking requests, but they wait for the rate limit. */
        RATE_LIMITED,
        /** Being replaced: finishing in-flight streams, taking no new ones. */
        DRAINING
    }
}
