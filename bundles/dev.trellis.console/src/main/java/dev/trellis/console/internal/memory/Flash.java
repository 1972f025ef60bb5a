package dev.trellis.console.internal.memory;

import java.util.Objects;

/** The outcome of a POST, shown once on the page the browser is redirected to. */
record Flash(boolean error, String message) {
    Flash {
        Objects.requireNonNull(message, "message");
    }

    static Flash ok(String message) {
        return new Flash(false, message);
    }

    static Flash error(String message) {
        return new Flash(true, message);
    }
}
