package dev.trellis.skills.internal.parse;

import java.util.List;
import java.util.Objects;

/**
 * A composed YAML node with the position it starts at (0-based line and column of the YAML text it
 * was read from). Aliases are resolved to the node they name, so the same node object may appear more
 * than once; cycles cannot occur ({@link YamlTree} rejects an alias to a node that contains it).
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

    int line();

    int column();

    /** This node and everything under it, counting aliased nodes each time they appear. */
    int size();

    /** A plain value; {@code kind} is resolved with the YAML 1.2 core schema (or an explicit tag). */
    record Scalar(Kind kind, String value, int line, int column) implements YamlNode {
        public Scalar {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int size() {
            return 1;
        }
    }

    record Sequence(List<YamlNode> items, int line, int column, int size) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** Entries in document order; keys are scalars and unique (checked while composing). */
    record Mapping(List<Entry> entries, int line, int column, int size) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }
    }

    record Entry(Scalar key, YamlNode value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Scalar types of the core schema that Trellis accepts. */
    enum Kind {
        STRING("a string"), INTEGER("an integer"), FLOAT("a number"), BOOLEAN("a boolean"), NULL("null"),
        BINARY("binary data");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** For messages: "expected a string, got an integer". */
        String text() {
            return text;
        }
    }

    /** For messages: what kind of value a node is. */
    static String describe(YamlNode node) {
        return switch (node) {
            case Scalar s -> s.kind().text();
            case Sequence q -> "a list";
            case Mapping m -> "a mapping";
        };
    }
}
