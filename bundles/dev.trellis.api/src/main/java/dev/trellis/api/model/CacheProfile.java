package dev.trellis.api.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Prompt-cache lifetimes for the three segments of a composed request: (1) system prompt and tool
 * schemas, (2) message history, (3) memory state. Fixed for an agent session: changing it mid-session
 * throws away cached tokens. Providers without prompt caching ignore it; providers that do not allow
 * long lifetimes shorten them when {@code allowExtendedTtl} is false.
 *
 * <p><b>Where the segments are in a {@link ChatRequest}</b> (the layout composers follow and
 * providers with explicit cache markers rely on; since 1.1.0):
 * <ol>
 * <li>segment 1 is {@link ChatRequest#system()} together with {@link ChatRequest#tools()};</li>
 * <li>segment 2, the history, is every message before the <em>batch-opening message</em>: the last
 * {@link Role#USER} message that carries no {@link ContentPart.ToolResult};</li>
 * <li>segment 3, the memory state, is spliced into that batch-opening message (memory snapshots are
 * attachments of the message that opens a batch), so its end is the end of that message.</li>
 * </ol>
 * Messages after the batch-opening one (tool calls and results of the running batch) extend the
 * history of the next request. A zero lifetime means "no cache marker for this segment".
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
