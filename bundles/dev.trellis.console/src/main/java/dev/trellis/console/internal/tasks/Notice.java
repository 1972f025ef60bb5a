package dev.trellis.console.internal.tasks;

import java.util.Objects;

/** The outcome of a POST on the tasks page, shown once on the page the browser is sent to. */
record Notice(boolean error, String message) {
    Notice {
        Objects.requireNonNull(message, "message");
    }
}
