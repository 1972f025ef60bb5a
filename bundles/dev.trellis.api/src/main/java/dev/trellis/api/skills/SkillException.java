package dev.trellis.api.skills;

import java.util.Objects;

/** Thrown by {@link SkillService}; {@link #error()} says exactly what went wrong. */
public class SkillException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SkillError error;

    public SkillException(SkillError error) {
        super(Objects.requireNonNull(error, "error").message());
        this.error = error;
    }

    public SkillError error() {
        return error;
    }
}
