package dev.trellis.api.gateway;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's request budget for one provider (it counts requests, not tokens).
 *
 * @param perMinute        requests allowed per minute, 0 = no limit
 * @param perDay           requests allowed per day, 0 = no limit
 * @param availableMinute  requests that may start now without waiting, in the minute budget
 *                         ({@code perMinute} if unlimited)
 * @param availableDay     the same for the day budget
 * @param limitedUntil     when the next request may start, if it would have to wait now; also set while a
 *                         provider's own rate-limit answer (HTTP 429 with Retry-After) is in force
 * @since 1.1
 */
public record RateLimitState(int perMinute, int perDay, int availableMinute, int availableDay,
        Optional<Instant> limitedUntil) {

    /** No limits, nothing waiting. */
    public static final RateLimitState UNLIMITED = new RateLimitState(0, 0, 0, 0, Optional.empty());

    public RateLimitState {
        Objects.requireNonNull(limitedUntil, "limitedUntil");
        if (perMinute < 0 || perDay < 0) {
            throw new IllegalArgumentException("limits must be >= 0");
        }
    }

    /** True if neither budget is limited. */
    public boolean unlimited() {
        return perMinute == 0 && perDay == 0;
    }
}
