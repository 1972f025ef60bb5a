package dev.trellis.api.auth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the user needs for a device-code login: open {@code verificationUrl} on any device and enter
 * {@code userCode} before {@code expiresAt}.
 *
 * @param userCode        the code to type
 * @param verificationUrl where to type it
 * @param interval        how often the host polls (grows when the server asks to slow down)
 * @param expiresAt       when the code stops working ({@link AuthError.DeviceCodeExpired})
 */
public record DeviceCode(String userCode, URI verificationUrl, Duration interval, Instant expiresAt) {
    public DeviceCode {
        Objects.requireNonNull(userCode, "userCode");
        Objects.requireNonNull(verificationUrl, "verificationUrl");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, was " + interval);
        }
    }
}
