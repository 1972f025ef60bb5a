package dev.trellis.api.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Prompt-cache lifetimes for the three segments of a composed request: (1) system prompt and tool
 * schemas, (2) message history, (3) memory state. Fixed for an agent session: changing it mid-session
 * throws away cached tokens. Providers without prompt caching ignore it; providers that do not allow
 * long lifetimes shorten them when {@code allowExtendedTtl} is false.
 */
public record CacheProfile(Duration segment1Ttl, Duration segment2Ttl, Duration segment3Ttl,
        boolean allowExtendedTtl) {

    /** 1 h / 5 min / 5 min, extended lifetimes allowed. */
    public static final CacheProfile DEFAULT = new CacheProfile(Duration.ofHours(1), Duration.ofMinutes(5),
            Duration.ofMinutes(5), true);

    /** No caching hints at all. */
    public static final CacheProfile NONE = new CacheProfile(Duration.ZERO, Duration.ZERO, Duration.ZERO, false);

    /** @throws IllegalArgumentException if a lifetime is negative */
    public CacheProfile {
        for (Duration d : new Duration[] {segment1Ttl, segment2Ttl, segment3Ttl}) {
            Objects.requireNonNull(d, "cache ttl");
            if (d.isNegative()) {
                throw new IllegalArgumentException("cache ttl must not be negative, was " + d);
            }
        }
    }
}
