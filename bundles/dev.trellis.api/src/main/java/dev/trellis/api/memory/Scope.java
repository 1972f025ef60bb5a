package dev.trellis.api.memory;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The keyspace a block lives in. {@code local:<project>} blocks are shared by everyone working in a
 * project; {@code global:<persona>} blocks follow a persona across projects. The same id under the
 * two kinds names two distinct keyspaces.
 *
 * <p>Text form (also the store key): {@code local:<id>} or {@code global:<id>}, parsed by
 * {@link #parse(String)} and produced by {@link #key()}.
 */
public sealed interface Scope permits Scope.Local, Scope.Global {

    /** Accepted ids: a letter, digit, '_' or '@' followed by up to 127 of those, '.' or '-'. */
    Pattern ID = Pattern.compile("[A-Za-z0-9_@][A-Za-z0-9_@.-]{0,127}");

    /** The project or persona id. */
    String id();

    /** {@code "local"} or {@code "global"}. */
    String kind();

    /** The text form, {@code kind:id}. */
    default String key() {
        return kind() + ":" + id();
    }

    /** Blocks shared by everyone working in one project. */
    record Local(String id) implements Scope {
        /** @throws IllegalArgumentException if {@code id} does not match {@link Scope#ID} */
        public Local {
            checkId("local", id);
        }

        @Override
        public String kind() {
            return "local";
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** Blocks that belong to a persona and follow it across projects. */
    record Global(String id) implements Scope {
        /** @throws IllegalArgumentException if {@code id} does not match {@link Scope#ID} */
        public Global {
            checkId("global", id);
        }

        @Override
        public String kind() {
            return "global";
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** Shorthand for {@code new Local(project)}. */
    static Scope local(String project) {
        return new Local(project);
    }

    /** Shorthand for {@code new Global(persona)}. */
    static Scope global(String persona) {
        return new Global(persona);
    }

    /**
     * Parses {@code local:<id>} or {@code global:<id>}.
     *
     * @throws NullPointerException     if {@code text} is null
     * @throws IllegalArgumentException if the kind is unknown, the ':' is missing or the id is
     *                                  invalid; the message quotes the input
     */
    static Scope parse(String text) {
        Objects.requireNonNull(text, "scope");
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(
                    "scope '" + text + "' must be 'local:<project>' or 'global:<persona>'");
        }
        String kind = text.substring(0, colon);
        String id = text.substring(colon + 1);
        return switch (kind) {
            case "local" -> new Local(id);
            case "global" -> new Global(id);
            default -> throw new IllegalArgumentException(
                    "scope '" + text + "' has unknown kind '" + kind + "' (expected 'local' or 'global')");
        };
    }

    private static void checkId(String kind, String id) {
        Objects.requireNonNull(id, kind + " scope id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    kind + " scope id '" + id + "' must match " + ID.pattern());
        }
    }
}
