package dev.trellis.api.memory;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a block lives: its scope and its label, unique within the scope.
 *
 * <p>Text form {@code <scope>/<label>}, e.g. {@code local:trellis/notes} or
 * {@code global:@ada/persona}; labels may themselves contain '/', the first '/' ends the scope.
 *
 * @param scope the keyspace
 * @param label 1 to 128 characters: a letter, digit or '_' first, then letters, digits, '_', '.',
 *              '-' or '/' (no "//", no trailing '/')
 */
public record BlockAddress(Scope scope, String label) {

    /** Accepted labels. */
    public static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]|/(?=[A-Za-z0-9_.-])){0,127}");

    /**
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the label does not match {@link #LABEL}
     */
    public BlockAddress {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(label, "label");
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("block label '" + label + "' must match " + LABEL.pattern());
        }
    }

    /** Shorthand for the constructor. */
    public static BlockAddress of(Scope scope, String label) {
        return new BlockAddress(scope, label);
    }

    /**
     * Parses the text form {@code <scope>/<label>}.
     *
     * @throws IllegalArgumentException if there is no '/' or either part is invalid; the message
     *                                  quotes the whole input
     */
    public static BlockAddress parse(String text) {
        Objects.requireNonNull(text, "block address");
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("block address '" + text + "' must be '<scope>/<label>'");
        }
        try {
            return new BlockAddress(Scope.parse(text.substring(0, slash)), text.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("block address '" + text + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return scope.key() + "/" + label;
    }
}
