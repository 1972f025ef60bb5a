package dev.trellis.api.memory;

import java.util.Objects;

/** Thrown by memory services; {@link #error()} says exactly what went wrong. */
public class MemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient MemoryError error;

    public MemoryException(MemoryError error) {
        this(error, null);
    }

    public MemoryException(MemoryError error, Throwable cause) {
        super(Objects.requireNonNull(error, "error").message(), cause);
        this.error = error;
    }

    /** The typed reason; never null in the process that threw it. */
    public MemoryError error() {
        return error;
    }
}
