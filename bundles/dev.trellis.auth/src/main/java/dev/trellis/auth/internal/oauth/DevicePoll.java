package dev.trellis.auth.internal.oauth;

/** One answer of the device-code token endpoint (RFC 8628 §3.5). */
public sealed interface DevicePoll {

    /** {@code authorization_pending}: the user has not finished yet. */
    record Pending() implements DevicePoll {}

    /** {@code slow_down}: poll less often (the interval grows by 5 s). */
    record SlowDown() implements DevicePoll {}

    /** {@code access_denied}. */
    record Denied() implements DevicePoll {}

    /** {@code expired_token}. */
    record Expired() implements DevicePoll {}

    /** The user approved: the tokens. */
    record Approved(TokenSet tokens) implements DevicePoll {}
}
