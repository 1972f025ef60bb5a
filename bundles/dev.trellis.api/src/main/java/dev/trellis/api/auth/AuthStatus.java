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
 * @param source        where the answering credential lives, for people: e.g. {@code environment
 *                      GEMINI_API_KEY} or {@code ChatGPT login in /home/u/.codex/auth.json}; never
 *                      part of a secret. Empty if no tier answers.
 * @param problem       something the user should fix even though a tier may answer, e.g. an OAuth
 *                      login whose refresh token was revoked ({@code log in again}); empty if none
 * @since 1.1
 */
public record AuthStatus(ProviderKind provider, Optional<AuthTier> tier, Optional<Instant> expiresAt,
        Optional<String> accountSuffix, boolean refreshable, Optional<String> source, Optional<String> problem) {
    public AuthStatus {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(accountSuffix, "accountSuffix");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(problem, "problem");
        if (accountSuffix.isPresent() && accountSuffix.get().length() > 4) {
            throw new IllegalArgumentException("accountSuffix must be at most 4 characters");
        }
    }

    /** A status without source and problem (the 1.0 shape). */
    public AuthStatus(ProviderKind provider, Optional<AuthTier> tier, Optional<Instant> expiresAt,
            Optional<String> accountSuffix, boolean refreshable) {
        this(provider, tier, expiresAt, accountSuffix, refreshable, Optional.empty(), Optional.empty());
    }

    /** Status of a provider with no credentials. */
    public static AuthStatus none(ProviderKind provider) {
        return new AuthStatus(provider, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /** The same status with {@code problem} set. @since 1.1 */
    public AuthStatus withProblem(String problem) {
        return new AuthStatus(provider, tier, expiresAt, accountSuffix, refreshable, source,
                Optional.of(problem));
    }
}
