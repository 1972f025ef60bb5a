package dev.trellis.console.internal.memory;

import java.util.Objects;

/** The outcome of a POST, shown once on the page the browser is redirected to. */
public record Flash(boolean error, String message) {
    public Flash {
        Objects.requireNonNull(message, "message");
    }

    public static Flash ok(String message) {
        return new Flash(false, message);
    }

    public static Flash error(String message) {
        return new Flash(true, message);
    }
}
