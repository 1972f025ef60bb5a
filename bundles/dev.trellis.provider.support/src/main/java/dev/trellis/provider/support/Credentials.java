package dev.trellis.provider.support;

import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.Credential;
import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks the {@link CredentialResolver} for a provider's credential on every request (so a refreshed
 * token or a newly set key is used at once) and turns every way of not having one into
 * {@code ModelError.Unauthorized} with a sentence that says how to fix it.
 */
public final class Credentials {

    private final ProviderKind kind;
    private final Supplier<CredentialResolver> resolver;

    /** @param resolver reads the component's dynamic reference; may return null */
    public Credentials(ProviderKind kind, Supplier<CredentialResolver> resolver) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    public ProviderKind kind() {
        return kind;
    }

    /** How a user gets working credentials for this provider. */
    public String fixHint() {
        return kind.supportsOAuth()
                ? "run `./trellis auth login --provider " + kind.id() + "` or set " + kind.envVar()
                : "set " + kind.envVar() + " or store a key with `./trellis auth login --provider " + kind.id() + "`";
    }

    /**
     * Resolves now (may block while the resolver refreshes a token: call it off the caller's thread).
     *
     * @throws ModelException {@code Unauthorized} naming the fix
     */
    public Credential resolve() {
        CredentialResolver r = resolver.get();
        if (r == null) {
            throw unauthorized("no credential resolver is running (bundle dev.trellis.auth); " + fixHint());
        }
        try {
            Credential c = r.resolve(kind);
            if (c == null) {
                throw unauthorized("no credentials; " + fixHint());
            }
            return c;
        } catch (AuthException e) {
            String detail = switch (e.error()) {
                case AuthError.NoAuthAvailable n -> "no credentials; " + fixHint();
                case AuthError.RefreshFailed f when f.kind() == AuthError.RefreshFailure.TRANSIENT ->
                        Redactor.SHAPES_ONLY.clean(f.message()) + "; try again shortly";
                default -> Redactor.SHAPES_ONLY.clean(e.getMessage()) + "; " + fixHint();
            };
            throw new ModelException(new ModelError.Unauthorized(kind.id(), detail), e);
        } catch (RuntimeException e) {
            throw new ModelException(new ModelError.Unauthorized(kind.id(),
                    "the credential resolver failed: " + Redactor.SHAPES_ONLY.clean(String.valueOf(e.getMessage()))
                            + "; " + fixHint()), e);
        }
    }

    /**
     * The tier {@link #resolve()} would answer with, without refreshing or secrets; empty if unknown
     * (no resolver, no credentials, or the resolver failed).
     */
    public Optional<AuthTier> tier() {
        CredentialResolver r = resolver.get();
        if (r == null) {
            return Optional.empty();
        }
        try {
            var status = r.status(kind);
            return status == null ? Optional.empty() : status.tier();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private ModelException unauthorized(String detail) {
        return new ModelException(new ModelError.Unauthorized(kind.id(), detail));
    }
}
