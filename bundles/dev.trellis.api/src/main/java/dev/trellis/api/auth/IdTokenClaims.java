package dev.trellis.api.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Claims read from an OAuth id token (signature not verified: they are informational, the access
 * token is what the provider checks).
 */
public record IdTokenClaims(Optional<String> email, Optional<String> planType, Optional<String> userId,
        Optional<String> accountId) {

    public static final IdTokenClaims NONE = new IdTokenClaims(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public IdTokenClaims {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(planType, "planType");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(accountId, "accountId");
    }
}
