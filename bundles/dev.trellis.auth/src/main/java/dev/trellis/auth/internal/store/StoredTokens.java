package dev.trellis.auth.internal.store;

import java.util.Objects;
import java.util.Optional;

/** The {@code tokens} object of codex's auth.json: raw JWTs and the ChatGPT account id. */
public record StoredTokens(String idToken, String accessToken, String refreshToken, Optional<String> accountId) {
    public StoredTokens {
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public String toString() {
        return "StoredTokens[account=" + accountId.orElse("none") + "]";
    }
}
