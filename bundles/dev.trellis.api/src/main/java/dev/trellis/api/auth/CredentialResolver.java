package dev.trellis.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Resolves the credential to use for a provider by walking its chain: OAuth tokens (if the provider
 * supports them and a login exists), then the environment variable, then a stored key.
 *
 * <p>OAuth tokens are refreshed proactively shortly before expiry. Concurrent callers that need a
 * refresh share one network call. A rotated refresh token is stored atomically (file mode 0600,
 * locked, written by rename). Thread-safe; may block for the duration of a refresh.
 */
@ProviderType
public interface CredentialResolver {

    /**
     * @throws AuthException {@code NoAuthAvailable} if no link answers (also after a refresh that
     *                       cannot succeed without a new login); {@code RefreshFailed} with
     *                       {@code TRANSIENT} if a needed refresh failed for a retryable reason;
     *                       {@code StorageFailed}
     */
    Credential resolve(ProviderKind provider);

    /**
     * Refreshes OAuth tokens even if they look valid (after a 401) and returns the result; returns the
     * same as {@link #resolve} for non-OAuth tiers.
     *
     * @throws AuthException as {@link #resolve}
     */
    Credential forceRefresh(ProviderKind provider);

    /** What {@link #resolve} would answer, without refreshing and without secrets. */
    AuthStatus status(ProviderKind provider);
}
