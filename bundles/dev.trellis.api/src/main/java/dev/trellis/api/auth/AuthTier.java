package dev.trellis.api.auth;

/** Which link of a provider's credential chain answered, in chain order (first wins). */
public enum AuthTier {
    /** Tokens from an OAuth login, refreshed as needed. */
    OAUTH,
    /** The provider's API-key environment variable. */
    ENV_KEY,
    /** An API key in the credential store. */
    STORED_KEY
}
