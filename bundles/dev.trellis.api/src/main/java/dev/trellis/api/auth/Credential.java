package dev.trellis.api.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential ready to use. The records' {@code toString()} never includes secrets (only a short
 * suffix), so credentials can be logged by accident without leaking.
 */
public sealed interface Credential permits Credential.OAuthTokens, Credential.ApiKey {

    /** Sent as {@code Authorization: Bearer} (OAuth) or the provider's key header (API key). */
    String secret();

    /**
     * Tokens from an OAuth login.
     *
     * @param accessToken  bearer token
     * @param refreshToken used by the resolver to renew {@code accessToken}
     * @param claims       id-token claims
     * @param expiresAt    when {@code accessToken} expires
     * @param accountId    account header value some backends need (e.g. {@code chatgpt-account-id})
     */
    record OAuthTokens(String accessToken, String refreshToken, IdTokenClaims claims, Instant expiresAt,
            Optional<String> accountId) implements Credential {

        public OAuthTokens {
            requireSecret(accessToken, "accessToken");
            requireSecret(refreshToken, "refreshToken");
            Objects.requireNonNull(claims, "claims");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(accountId, "accountId");
        }

        @Override
        public String secret() {
            return accessToken;
        }

        /** True if the token expires within {@code margin} of {@code now}. */
        public boolean expiresWithin(Duration margin, Instant now) {
            return !now.plus(margin).isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "OAuthTokens[access=" + redact(accessToken) + ", expiresAt=" + expiresAt + ", account="
                    + accountId.map(Credential::redact).orElse("none") + "]";
        }
    }

    /**
     * An API key.
     *
     * @param key    the key
     * @param source where it came from
     */
    record ApiKey(String key, KeySource source) implements Credential {
        public ApiKey {
            requireSecret(key, "key");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String secret() {
            return key;
        }

        @Override
        public String toString() {
            return "ApiKey[key=" + redact(key) + ", source=" + source + "]";
        }
    }

    /** Where an API key came from. */
    enum KeySource {
        /** The provider's environment variable. */
        ENVIRONMENT,
        /** The credential store (console, shell or auth.json). */
        STORED
    }

    /** {@code ...} plus the last 4 characters, or {@code ***} for short secrets. */
    static String redact(String secret) {
        return secret.length() <= 8 ? "***" : "..." + secret.substring(secret.length() - 4);
    }

    private static void requireSecret(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }
}
