package dev.trellis.api.plugin;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identity of a plugin: the symbolic name of the bundle that calls a Trellis service.
 *
 * <p>Host services that plugins use (memory, messaging) are bundle-scoped and build this value from
 * {@code Bundle.getSymbolicName()} themselves; plugins never pass their own id. Equality is exact
 * (case-sensitive), as for bundle symbolic names.
 *
 * @param value dot-separated segments of {@code [A-Za-z0-9_-]}, 1 to 255 characters
 */
public record PluginId(String value) implements Comparable<PluginId> {

    /** Accepted symbolic names: the OSGi "unique-name" grammar (tokens joined by dots). */
    public static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    /** Longest accepted id. */
    public static final int MAX_LENGTH = 255;

    /**
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is empty, too long or not a valid symbolic
     *                                  name; the message names the offending value
     */
    public PluginId {
        Objects.requireNonNull(value, "plugin id");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("plugin id is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "plugin id '" + value.substring(0, 32) + "...' is longer than " + MAX_LENGTH + " characters");
        }
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("plugin id '" + value
                    + "' is not a bundle symbolic name (dot-separated segments of letters, digits, '_' and '-')");
        }
    }

    /** Same as the constructor; reads better at call sites. */
    public static PluginId of(String value) {
        return new PluginId(value);
    }

    @Override
    public int compareTo(PluginId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
