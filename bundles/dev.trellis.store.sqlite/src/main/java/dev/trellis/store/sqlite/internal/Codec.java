package dev.trellis.store.sqlite.internal;

import dev.trellis.api.memory.Author;
import dev.trellis.api.plugin.PluginId;
import java.time.Instant;

/** Text forms of values in columns. Kept stable: they are the file format. */
final class Codec {

    private Codec() {
    }

    /** {@code agent:<id>}, {@code plugin:<bsn>}, {@code human:<name>}, {@code system:<reason>}. */
    static String author(Author author) {
        return switch (author) {
            case Author.Agent a -> "agent:" + a.agentId();
            case Author.Plugin p -> "plugin:" + p.plugin().value();
            case Author.Human h -> "human:" + h.name();
            case Author.System s -> "system:" + s.reason();
        };
    }

    /** @throws IllegalArgumentException if {@code text} is not a form {@link #author(Author)} writes */
    static Author author(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("stored author '" + text + "' has no '<kind>:' prefix");
        }
        String value = text.substring(colon + 1);
        return switch (text.substring(0, colon)) {
            case "agent" -> new Author.Agent(value);
            case "plugin" -> new Author.Plugin(new PluginId(value));
            case "human" -> new Author.Human(value);
            case "system" -> new Author.System(value);
            default -> throw new IllegalArgumentException("stored author '" + text + "' has unknown kind");
        };
    }

    /** ISO-8601, full precision: reads back equal. */
    static String instant(Instant instant) {
        return instant.toString();
    }

    static Instant instant(String text) {
        return Instant.parse(text);
    }
}
