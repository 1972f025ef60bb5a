package dev.trellis.gateway.internal;

import dev.trellis.api.gateway.RateLimitState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A provider's request budget, as the reference's: requests per minute and per day (0 = no limit), each a
 * token bucket that starts full and refills evenly. {@link #reserve} takes a request's token at once, even if
 * the bucket is empty, and says how long that request must wait: later callers then wait behind it, in order.
 * Not thread-safe; the caller synchronizes.
 */
final class RateLimiter {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final long DAY = Duration.ofDays(1).toNanos();

    private final int perMinute;
    private final int perDay;
    private final Bucket minute;
    private final Bucket day;

    RateLimiter(int perMinute, int perDay, long nowNanos) {
        this.perMinute = perMinute;
        this.perDay = perDay;
        this.minute = perMinute > 0 ? new Bucket(perMinute, MINUTE, nowNanos) : null;
        this.day = perDay > 0 ? new Bucket(perDay, DAY, nowNanos) : null;
    }

    int perMinute() {
        return perMinute;
    }

    int perDay() {
        return perDay;
    }

    /**
     * Reserves one request.
     *
     * @param maxWait the longest a request may wait; a request that would wait longer is refused
     * @return the wait (zero if it may start now), or empty if refused: then nothing was taken
     */
    Optional<Duration> reserve(long nowNanos, Duration maxWait) {
        long wait = Math.max(waitNanos(minute, nowNanos), waitNanos(day, nowNanos));
        if (wait > maxWait.toNanos()) {
            return Optional.empty();
        }
        if (minute != null) {
            minute.take();
        }
        if (day != null) {
            day.take();
        }
        return Optional.of(Duration.ofNanos(wait));
    }

    /** How long a request arriving now would wait. */
    Duration waitNow(long nowNanos) {
        return Duration.ofNanos(Math.max(waitNanos(minute, nowNanos), waitNanos(day, nowNanos)));
    }

    RateLimitState state(long nowNanos, Instant now, Optional<Instant> providerLimit) {
        long wait = Math.max(waitNanos(minute, nowNanos), waitNanos(day, nowNanos));
        Optional<Instant> until = wait > 0 ? Optional.of(now.plusNanos(wait)) : Optional.empty();
        if (providerLimit.isPresent() && providerLimit.get().isAfter(now)
                && (until.isEmpty() || providerLimit.get().isAfter(until.get()))) {
            until = providerLimit;
        }
        return new RateLimitState(perMinute, perDay, available(minute, nowNanos, perMinute),
                available(day, nowNanos, perDay), until);
    }

    private static long waitNanos(Bucket b, long nowNanos) {
        if (b == null) {
            return 0;
        }
        b.refill(nowNanos);
        return b.tokens >= 1 ? 0 : (long) Math.ceil((1 - b.tokens) * b.nanosPerToken);
    }

    private static int available(Bucket b, long nowNanos, int unlimited) {
        if (b == null) {
            return unlimited;
        }
        b.refill(nowNanos);
        return (int) Math.max(0, Math.floor(b.tokens));
    }

    /** Tokens may go below zero: that is a queue of reserved requests. */
    private static final class Bucket {
        final double capacity;
        final double nanosPerToken;
        double tokens;
        long last;

        Bucket(int capacity, long periodNanos, long nowNanos) {
            this.capacity = capacity;
            this.nanosPerToken = (double) periodNanos / capacity;
            this.tokens = capacity;
            this.last = nowNanos;
        }

        void refill(long nowNanos) {
            if (nowNanos > last) {
                tokens = Math.min(capacity, tokens + (nowNanos - last) / nanosPerToken);
                last = nowNanos;
            }
        }

        void take() {
            tokens -= 1;
        }
    }
}
