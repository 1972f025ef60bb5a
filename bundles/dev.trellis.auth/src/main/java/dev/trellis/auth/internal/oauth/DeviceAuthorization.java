package dev.trellis.auth.internal.oauth;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The device authorization server's answer: what to show the user and how to poll.
 *
 * @param deviceCode              polled with
 * @param userCode                typed by the user
 * @param verificationUri         where to type it
 * @param verificationUriComplete the same with the code filled in, if the server offers one
 * @param interval                poll interval (default 5 s)
 * @param expiresIn               lifetime of the code (default 15 min)
 */
public record DeviceAuthorization(String deviceCode, String userCode, URI verificationUri,
        Optional<URI> verificationUriComplete, Duration interval, Duration expiresIn) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);

    @Override
    public String toString() {
        return "DeviceAuthorization[user code " + userCode + " at " + verificationUri + "]";
    }
}
