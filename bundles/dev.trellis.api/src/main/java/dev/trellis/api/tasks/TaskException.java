package dev.trellis.api.tasks;

import java.util.Objects;

/** Thrown by {@link TaskService}; {@link #error()} says exactly what went wrong. */
public class TaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient TaskError error;

    public TaskException(TaskError error) {
        this(error, null);
    }

    public TaskException(TaskError error, Throwable cause) {
        super(Objects.requireNonNull(error, "error").message(), cause);
        this.error = error;
    }

    public TaskError error() {
        return error;
    }
}
