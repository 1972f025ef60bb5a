package dev.trellis.provider.support;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts of one provider's HTTP client.
 *
 * @param connectTimeout  TCP + TLS connect
 * @param responseTimeout until the response headers arrive
 * @param idleTimeout     longest silence between two chunks of a running stream
 * @param drainTimeout    how long closing waits for running streams to finish
 */
public record StreamSettings(Duration connectTimeout, Duration responseTimeout, Duration idleTimeout,
        Duration drainTimeout) {

    public StreamSettings {
        for (Duration d : new Duration[] {connectTimeout, responseTimeout, idleTimeout, drainTimeout}) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative()) {
                throw new IllegalArgumentException("timeouts must not be negative, was " + d);
            }
        }
    }

    /** From millisecond settings (component configuration); values below 1 ms become 1 ms, drain may be 0. */
    public static StreamSettings ofMillis(long connect, long response, long idle, long drain) {
        return new StreamSettings(Duration.ofMillis(Math.max(1, connect)), Duration.ofMillis(Math.max(1, response)),
                Duration.ofMillis(Math.max(1, idle)), Duration.ofMillis(Math.max(0, drain)));
    }
}
