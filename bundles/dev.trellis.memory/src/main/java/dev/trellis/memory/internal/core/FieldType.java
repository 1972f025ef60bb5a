package dev.trellis.memory.internal.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Declared type of a map field (see {@link ContentOps} for where declarations live). */
public enum FieldType {
    TEXT, NUMBER, BOOLEAN, LIST, TIMESTAMP, COUNTER, OBJECT;

    /** The declaration text, e.g. {@code timestamp}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for unknown text */
    public static FieldType parse(String text) {
        for (FieldType t : values()) {
            if (t.id().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + text
                + "' (expected text, number, boolean, list, timestamp, counter or object)");
    }

    /** True if {@code value} fits this type; JSON null fits every type (an unset field). */
    public boolean accepts(JsonNode value) {
        if (value.isNull()) {
            return true;
        }
        return switch (this) {
            case TEXT -> value.isTextual();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case LIST -> value.isArray();
            case OBJECT -> value.isObject();
            case COUNTER -> value.isIntegralNumber();
            case TIMESTAMP -> value.isTextual() && isInstant(value.textValue());
        };
    }

    private static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
