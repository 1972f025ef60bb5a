package dev.trellis.api.memory.schema;

import java.util.Objects;

/**
 * Content does not fit its schema. The message is {@code <location>: <reason>}, e.g.
 * {@code line 4, column 17 (items[0].status): unknown task status 'done' (expected ...)}.
 */
public class SchemaViolation extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String location;
    private final String reason;

    /**
     * @param location where in the content, for a person: line and column when known, then the path of the
     *                 value (e.g. {@code items[2].blocks[0]}); empty if the content as a whole is wrong
     * @param reason   what is wrong and, where it helps, what would be right
     */
    public SchemaViolation(String location, String reason) {
        this(location, reason, null);
    }

    public SchemaViolation(String location, String reason, Throwable cause) {
        super(message(location, reason), cause);
        this.location = location;
        this.reason = reason;
    }

    private static String message(String location, String reason) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(reason, "reason");
        return location.isEmpty() ? reason : location + ": " + reason;
    }

    /** Where the problem is; empty if it concerns the whole content. */
    public String location() {
        return location;
    }

    /** What is wrong. */
    public String reason() {
        return reason;
    }
}
