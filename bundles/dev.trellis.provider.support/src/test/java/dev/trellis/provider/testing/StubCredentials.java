package dev.trellis.provider.testing;

import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.Credential;
import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.IdTokenClaims;
import dev.trellis.api.auth.ProviderKind;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A {@link CredentialResolver} test double: answers every provider with one credential (or none) and
 * counts calls. {@link #set} swaps the credential, as a refresh would; {@link #viewStatus} changes what
 * {@link #status} says.
 */
public final class StubCredentials implements CredentialResolver {

    private volatile Credential credential;
    private final AtomicInteger resolves = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private volatile UnaryOperator<AuthStatus> statusView = UnaryOperator.identity();

    private StubCredentials(Credential credential) {
        this.credential = credential;
    }

    public static StubCredentials apiKey(String key) {
        return new StubCredentials(new Credential.ApiKey(key, Credential.KeySource.ENVIRONMENT));
    }

    public static StubCredentials oauth(String accessToken, String accountId) {
        return new StubCredentials(oauthTokens(accessToken, accountId));
    }

    /** Answers {@code NoAuthAvailable}. */
    public static StubCredentials none() {
        return new StubCredentials(null);
    }

    public static Credential.OAuthTokens oauthTokens(String accessToken, String accountId) {
        return new Credential.OAuthTokens(accessToken, "refresh-" + accessToken,
                new IdTokenClaims(Optional.of("dev@example.com"), Optional.of("plus"), Optional.of("user-1"),
                        Optional.ofNullable(accountId)),
                Instant.now().plusSeconds(3600), Optional.ofNullable(accountId));
    }

    public void set(Credential c) {
        credential = c;
    }

    /**
     * Passes what {@link #status} would answer through {@code view} first: a status that disagrees with
     * {@link #resolve} (a login finished in between), or one that blocks while a test acts.
     */
    public StubCredentials viewStatus(UnaryOperator<AuthStatus> view) {
        statusView = view;
        return this;
    }

    public int resolves() {
        return resolves.get();
    }

    @Override
    public Credential resolve(ProviderKind provider) {
        resolves.incrementAndGet();
        Credential c = credential;
        if (c == null) {
            throw new AuthException(new AuthError.NoAuthAvailable(provider));
        }
        return c;
    }

    @Override
    public Credential forceRefresh(ProviderKind provider) {
        refreshes.incrementAndGet();
        return resolve(provider);
    }

    @Override
    public AuthStatus status(ProviderKind provider) {
        Credential c = credential;
        if (c == null) {
            return statusView.apply(AuthStatus.none(provider));
        }
        AuthTier tier = c instanceof Credential.OAuthTokens ? AuthTier.OAUTH : AuthTier.ENV_KEY;
        return statusView.apply(new AuthStatus(provider, Optional.of(tier), Optional.empty(), Optional.empty(),
                c instanceof Credential.OAuthTokens));
    }
}
