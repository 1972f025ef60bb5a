package dev.trellis.console.internal.providers;

import java.util.Objects;

/**
 * What a "try it" request gave, kept in the session for the page after the redirect (no-JavaScript path).
 *
 * @param model  the model asked
 * @param text   the streamed text (thinking and tool calls included, marked)
 * @param end    how it ended: "end_turn", or the error's message
 * @param failed true if it ended with an error
 */
record TryOutcome(String model, String text, String end, boolean failed) implements java.io.Serializable {
    TryOutcome {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(end, "end");
    }
}
