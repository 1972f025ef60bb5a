package dev.trellis.api.auth;

import java.util.Objects;

/** Why an auth call failed; carried by {@link AuthException}. */
public sealed interface AuthError permits AuthError.NoAuthAvailable, AuthError.OAuthUnsupported,
        AuthError.OAuthDenied, AuthError.StateInvalid, AuthError.TokenExchangeFailed, AuthError.LoopbackBindFailed,
        AuthError.LoopbackTimeout, AuthError.DeviceCodeExpired, AuthError.DeviceCodeDenied, AuthError.RefreshFailed,
        AuthError.StorageFailed, AuthError.Cancelled {

    String message();

    /** No link of the provider's chain has a usable credential; log in or set the key. */
    record NoAuthAvailable(ProviderKind provider) implements AuthError {
        public NoAuthAvailable {
            Objects.requireNonNull(provider, "provider");
        }

        public String message() {
            return "no credentials for " + provider.id() + ": log in or set " + provider.envVar();
        }
    }

    /** The provider has no OAuth login. */
    record OAuthUnsupported(ProviderKind provider) implements AuthError {
        public OAuthUnsupported {
            Objects.requireNonNull(provider, "provider");
        }

        public String message() {
            return provider.id() + " supports API keys only";
        }
    }

    /** The user or the authorization server denied the login; nothing was stored. */
    record OAuthDenied(String reason) implements AuthError {
        public OAuthDenied {
            Objects.requireNonNull(reason, "reason");
        }

        public String message() {
            return "login denied: " + reason;
        }
    }

    /** The callback's {@code state} did not match; possible forgery, nothing was stored. */
    record StateInvalid() implements AuthError {
        public String message() {
            return "login callback state did not match";
        }
    }

    /** The token endpoint answered with a non-200 status. */
    record TokenExchangeFailed(int status, String body) implements AuthError {
        public TokenExchangeFailed {
            Objects.requireNonNull(body, "body");
        }

        public String message() {
            return "token exchange failed with HTTP " + status + (body.isEmpty() ? "" : ": " + body);
        }
    }

    /** No callback port could be bound (LOOPBACK flow only; AUTO falls back to device code). */
    record LoopbackBindFailed(String ports) implements AuthError {
        public LoopbackBindFailed {
            Objects.requireNonNull(ports, "ports");
        }

        public String message() {
            return "could not listen on callback port(s) " + ports;
        }
    }

    /** The browser never came back to the callback (5 minutes). */
    record LoopbackTimeout() implements AuthError {
        public String message() {
            return "login timed out waiting for the browser callback";
        }
    }

    /** The device code expired before the user entered it. */
    record DeviceCodeExpired() implements AuthError {
        public String message() {
            return "device code expired; start the login again";
        }
    }

    /** The user rejected the device-code request. */
    record DeviceCodeDenied() implements AuthError {
        public String message() {
            return "device code login was denied";
        }
    }

    /**
     * Refreshing OAuth tokens failed. {@link RefreshFailure#TRANSIENT} may be retried; the others need
     * a new login.
     */
    record RefreshFailed(RefreshFailure kind, String detail) implements AuthError {
        public RefreshFailed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }

        public String message() {
            return "token refresh failed (" + kind.name().toLowerCase(java.util.Locale.ROOT) + "): " + detail;
        }
    }

    /** Reading or writing the credential file failed; the previous file is intact. */
    record StorageFailed(String path, String reason) implements AuthError {
        public StorageFailed {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }

        public String message() {
            return "credential store " + path + ": " + reason;
        }
    }

    /** The login was cancelled by the caller. */
    record Cancelled() implements AuthError {
        public String message() {
            return "login cancelled";
        }
    }

    /** Kinds of refresh failure. */
    enum RefreshFailure {
        /** The refresh token expired. */
        EXPIRED,
        /** The refresh token was already used (rotated elsewhere). */
        EXHAUSTED,
        /** The refresh token was revoked. */
        REVOKED,
        /** Any other 4xx answer. */
        OTHER,
        /** 5xx or network error: retry later. */
        TRANSIENT
    }
}
