package dev.trellis.api.auth;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Interactive login and logout, and storing API keys. Used by the console and the shell.
 */
@ProviderType
public interface LoginService {

    /**
     * Starts an OAuth login and returns at once; the stage completes with the new status once tokens
     * are stored, or exceptionally with an {@link AuthException}: {@code OAuthUnsupported},
     * {@code OAuthDenied}, {@code StateInvalid}, {@code TokenExchangeFailed}, {@code LoopbackBindFailed},
     * {@code LoopbackTimeout}, {@code DeviceCodeExpired}, {@code DeviceCodeDenied},
     * {@code StorageFailed}. Cancelling the returned stage's future (if it is one) ends the login with
     * {@code Cancelled}. Nothing is stored unless the login succeeds.
     */
    CompletionStage<AuthStatus> login(ProviderKind provider, LoginFlow flow, LoginProgress progress);

    /**
     * Forgets stored OAuth tokens (and revokes them where the provider supports it). Keys in the
     * environment are untouched.
     *
     * @return true if something was removed
     * @throws AuthException {@code StorageFailed}
     */
    boolean logout(ProviderKind provider);

    /**
     * Stores an API key (replacing an earlier stored key).
     *
     * @throws IllegalArgumentException if the key is blank or has whitespace
     * @throws AuthException            {@code StorageFailed}
     */
    AuthStatus storeApiKey(ProviderKind provider, String key);

    /**
     * Forgets every stored credential of the provider: OAuth tokens (revoked at the provider where it
     * supports that, best effort) and the stored API key. Keys in the environment are untouched; the
     * result's {@code after} status shows whether one still answers.
     *
     * @throws AuthException {@code StorageFailed}; nothing is removed then
     * @since 1.1
     */
    ClearResult clear(ProviderKind provider);
}
