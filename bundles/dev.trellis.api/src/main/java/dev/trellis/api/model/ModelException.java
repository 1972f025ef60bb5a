package dev.trellis.api.model;

import java.util.Objects;

/** A model request failed; {@link #error()} says how. */
public class ModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ModelError error;

    public ModelException(ModelError error) {
        this(error, null);
    }

    public ModelException(ModelError error, Throwable cause) {
        super(Objects.requireNonNull(error, "error").message(), cause);
        this.error = error;
    }

    public ModelError error() {
        return error;
    }
}
