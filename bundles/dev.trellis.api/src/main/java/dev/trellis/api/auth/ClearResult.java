package dev.trellis.api.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link LoginService#clear} removed.
 *
 * @param provider      the provider
 * @param tokensRemoved true if stored OAuth tokens were removed
 * @param keyRemoved    true if a stored API key was removed
 * @param revocation    the outcome of revoking the removed tokens at the provider, for people
 *                      (revocation is best effort: the tokens are removed locally either way);
 *                      empty if there was nothing to revoke
 * @param after         the status after clearing: an environment key still answers, for example
 * @since 1.1
 */
public record ClearResult(ProviderKind provider, boolean tokensRemoved, boolean keyRemoved,
        Optional<String> revocation, AuthStatus after) {
    public ClearResult {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(after, "after");
    }

    /** True if anything was removed. */
    public boolean removedAnything() {
        return tokensRemoved || keyRemoved;
    }
}
