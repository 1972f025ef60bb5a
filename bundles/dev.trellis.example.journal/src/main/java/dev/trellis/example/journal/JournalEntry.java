package dev.trellis.example.journal;

import dev.trellis.api.memory.BlockAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry the journal appends. The host stamps {@code at} and {@code author} (the journal plugin
 * itself) on every log entry, so the change's author goes in {@code by}.
 */
sealed interface JournalEntry permits JournalEntry.Change, JournalEntry.Subscribed {

    /** The entry as a compact JSON object. */
    String toJson();

    /** What happened to a block. */
    enum Kind {
        WRITTEN("written"), UPDATED("updated"), DELETED("deleted");

        final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    /**
     * A change of a watched block.
     *
     * @param by       who made it ({@code Author.render()}, e.g. {@code plugin dev.trellis.itest})
     * @param revision the revision the change produced
     * @param op       the op kind, when known (e.g. {@code append}, {@code patch-metadata})
     */
    record Change(Kind kind, BlockAddress block, String by, long revision, Optional<String> op) implements JournalEntry {
        public Change {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(op, "op");
        }

        @Override
        public String toJson() {
            return "{\"kind\":" + quote(kind.id) + ",\"block\":" + quote(block.toString()) + ",\"by\":" + quote(by)
                    + ",\"revision\":" + revision + op.map(o -> ",\"op\":" + quote(o)).orElse("") + "}";
        }
    }

    /** The journal (re)subscribed and is following changes again; {@code blocks} are being watched. */
    record Subscribed(int blocks) implements JournalEntry {
        @Override
        public String toJson() {
            return "{\"kind\":\"subscribed\",\"blocks\":" + blocks + "}";
        }
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
