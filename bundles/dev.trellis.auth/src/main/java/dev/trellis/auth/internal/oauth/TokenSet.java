package dev.trellis.auth.internal.oauth;

import dev.trellis.api.auth.Credential;
import dev.trellis.api.auth.IdTokenClaims;
import dev.trellis.auth.internal.store.StoredTokens;
import java.time.Instant;
import java.util.Objects;

/**
 * Tokens from a login or a refresh, with the id-token claims and the access token's expiry.
 *
 * @param expiresAt from the access token's {@code exp} (else {@code expires_in} of the answer)
 */
public record TokenSet(String accessToken, String refreshToken, String idToken, IdTokenClaims claims,
        Instant expiresAt) {

    public TokenSet {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Tokens read back from auth.json. An id token we cannot read gives no claims (informational only); an
     * access token without a readable {@code exp} counts as expired, so the next use refreshes it.
     */
    public static TokenSet fromStored(StoredTokens t) {
        IdTokenClaims claims;
        try {
            claims = Jwt.claims(t.idToken());
        } catch (Jwt.MalformedJwt e) {
            claims = IdTokenClaims.NONE;
        }
        if (t.accountId().isPresent() && claims.accountId().isEmpty()) {
            claims = new IdTokenClaims(claims.email(), claims.planType(), claims.userId(), t.accountId());
        }
        return new TokenSet(t.accessToken(), t.refreshToken(), t.idToken(), claims,
                Jwt.expiry(t.accessToken()).orElse(Instant.EPOCH));
    }

    public StoredTokens stored() {
        return new StoredTokens(idToken, accessToken, refreshToken, claims.accountId());
    }

    public Credential.OAuthTokens credential() {
        return new Credential.OAuthTokens(accessToken, refreshToken, claims, expiresAt, claims.accountId());
    }

    @Override
    public String toString() {
        return "TokenSet[expiresAt=" + expiresAt + ", account=" + claims.accountId().orElse("none") + "]";
    }
}
