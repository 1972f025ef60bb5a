package dev.trellis.api.auth;

import java.util.Objects;

/** Thrown by auth services; {@link #error()} says exactly what went wrong. */
public class AuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient AuthError error;

    public AuthException(AuthError error) {
        this(error, null);
    }

    public AuthException(AuthError error, Throwable cause) {
        super(Objects.requireNonNull(error, "error").message(), cause);
        this.error = error;
    }

    public AuthError error() {
        return error;
    }
}
