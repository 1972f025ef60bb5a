package dev.trellis.api.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the credential chain of a provider would answer now, without secrets.
 *
 * @param provider      the provider
 * @param tier          the tier that answers, empty if none does (requests would fail)
 * @param expiresAt     OAuth access-token expiry
 * @param accountSuffix last 4 characters of the account id, for display
 * @param refreshable   true if an OAuth refresh token is present
 */
public record AuthStatus(ProviderKind provider, Optional<AuthTier> tier, Optional<Instant> expiresAt,
        Optional<String> accountSuffix, boolean refreshable) {
    public AuthStatus {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(accountSuffix, "accountSuffix");
        if (accountSuffix.isPresent() && accountSuffix.get().length() > 4) {
            throw new IllegalArgumentException("accountSuffix must be at most 4 characters");
        }
    }

    /** Status of a provider with no credentials. */
    public static AuthStatus none(ProviderKind provider) {
        return new AuthStatus(provider, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
