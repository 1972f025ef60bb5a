package dev.trellis.api.tasks;

import java.util.Objects;

/** Where a task stands. Text form is kebab-case ({@code in-progress}). */
public enum TaskStatus {
    PENDING("pending"),
    IN_PROGRESS("in-progress"),
    BLOCKED("blocked"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    private final String id;

    TaskStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** True for {@code completed} and {@code cancelled}. */
    public boolean isClosed() {
        return this == COMPLETED || this == CANCELLED;
    }

    /**
     * Parses the text form. There is no fallback: unknown text is an error.
     *
     * @throws IllegalArgumentException naming the input and the valid values
     */
    public static TaskStatus parse(String text) {
        Objects.requireNonNull(text, "task status");
        for (TaskStatus s : values()) {
            if (s.id.equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown task status '" + text
                + "' (expected pending, in-progress, blocked, completed or cancelled)");
    }

    @Override
    public String toString() {
        return id;
    }
}
