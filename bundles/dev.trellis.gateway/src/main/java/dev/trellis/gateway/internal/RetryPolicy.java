package dev.trellis.gateway.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed request again: at most {@code maxAttempts} tries in all; after try {@code n} wait
 * {@code base * 2^(n-1)} plus up to {@code jitter} of that at random, at most {@code max}. A server hint
 * (Retry-After) replaces the computed wait, also capped at {@code max}. Defaults as the reference: 5 tries,
 * 1 s, 60 s, 25 %.
 */
record RetryPolicy(int maxAttempts, Duration base, Duration max, double jitter) {

    static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.25);

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry.max.attempts must be at least 1, was " + maxAttempts);
        }
        if (base.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("retry.jitter must be 0 to 1, was " + jitter);
        }
    }

    /** True if try number {@code attempt} (1-based) may be followed by another. */
    boolean allowsAnother(int attempt) {
        return attempt < maxAttempts;
    }

    /**
     * The wait after try {@code attempt} failed.
     *
     * @param hint   the server's Retry-After, zero if it gave none
     * @param random a number in [0, 1) for the jitter
     */
    Duration delayAfter(int attempt, Duration hint, DoubleSupplier random) {
        if (hint.isPositive()) {
            return min(hint, max);
        }
        double nanos = base.toNanos() * Math.pow(2, Math.max(0, attempt - 1));
        nanos += nanos * jitter * random.getAsDouble();
        return min(Duration.ofNanos((long) Math.min(nanos, Long.MAX_VALUE / 2.0)), max);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
