package dev.trellis.api.memory;

import java.util.Objects;

/**
 * One write to a block. Every committed op raises the block's revision by one and is recorded in its
 * history.
 *
 * <p><b>Conflicts.</b> Ops that {@link #commutes() commute} (append, list push, log append) always
 * apply on top of the current content, even if the caller read an older revision. The others, when
 * applied with an expected revision that is no longer current, fail with
 * {@link MemoryError.Conflict} carrying the current revision and content; without an expected
 * revision they overwrite (last writer wins).
 *
 * <p>Which op fits which {@link Schema}: {@code Set} any; {@code Append}, {@code Replace} text and
 * skill; {@code SetField} map; {@code ListPush}, {@code ListRemove} list; {@code LogAppend} log. A
 * mismatch is {@link MemoryError.InvalidOperation}. JSON values are passed as JSON text.
 */
public sealed interface MemoryOp permits MemoryOp.Set, MemoryOp.Append, MemoryOp.Replace, MemoryOp.SetField,
        MemoryOp.ListPush, MemoryOp.ListRemove, MemoryOp.LogAppend, MemoryOp.PatchMetadata, MemoryOp.Delete {

    /** Stable name of the op kind, as stored in history (e.g. {@code set-field}). */
    String kind();

    /** The access this op needs (see {@link Permission}). */
    Access access();

    /** True if the op applies on top of any revision without conflict. */
    default boolean commutes() {
        return false;
    }

    /** Replaces the whole content. */
    record Set(String content) implements MemoryOp {
        public Set {
            Objects.requireNonNull(content, "content");
        }

        public String kind() { return "set"; }

        public Access access() { return Access.OVERWRITE; }
    }

    /** Adds text at the end (text, skill). */
    record Append(String text) implements MemoryOp {
        public Append {
            Objects.requireNonNull(text, "text");
        }

        public String kind() { return "append"; }

        public Access access() { return Access.APPEND; }

        @Override
        public boolean commutes() { return true; }
    }

    /**
     * Replaces every occurrence of {@code oldText} by {@code newText}; no occurrence is
     * {@link MemoryError.InvalidOperation}.
     */
    record Replace(String oldText, String newText) implements MemoryOp {
        public Replace {
            Objects.requireNonNull(oldText, "oldText");
            Objects.requireNonNull(newText, "newText");
            if (oldText.isEmpty()) {
                throw new IllegalArgumentException("replace: oldText is empty");
            }
        }

        public String kind() { return "replace"; }

        public Access access() { return Access.OVERWRITE; }
    }

    /** Sets one field of a map block to a JSON value; a read-only field is {@link MemoryError.ReadOnlyField}. */
    record SetField(String field, String jsonValue) implements MemoryOp {
        public SetField {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(jsonValue, "jsonValue");
            if (field.isBlank()) {
                throw new IllegalArgumentException("set-field: field name is blank");
            }
        }

        public String kind() { return "set-field"; }

        public Access access() { return Access.OVERWRITE; }
    }

    /** Adds a JSON value at the end of a list block. */
    record ListPush(String jsonValue) implements MemoryOp {
        public ListPush {
            Objects.requireNonNull(jsonValue, "jsonValue");
        }

        public String kind() { return "list-push"; }

        public Access access() { return Access.APPEND; }

        @Override
        public boolean commutes() { return true; }
    }

    /** Removes the item at {@code index} (0-based); out of range is {@link MemoryError.InvalidOperation}. */
    record ListRemove(int index) implements MemoryOp {
        public ListRemove {
            if (index < 0) {
                throw new IllegalArgumentException("list-remove: index must be >= 0, was " + index);
            }
        }

        public String kind() { return "list-remove"; }

        public Access access() { return Access.OVERWRITE; }
    }

    /** Adds an entry (a JSON object) to a log block; the host stamps time and author. */
    record LogAppend(String jsonEntry) implements MemoryOp {
        public LogAppend {
            Objects.requireNonNull(jsonEntry, "jsonEntry");
        }

        public String kind() { return "log-append"; }

        public Access access() { return Access.APPEND; }

        @Override
        public boolean commutes() { return true; }
    }

    /** Changes metadata; see {@link MetadataPatch} for the access each field needs. */
    record PatchMetadata(MetadataPatch patch) implements MemoryOp {
        public PatchMetadata {
            Objects.requireNonNull(patch, "patch");
        }

        public String kind() { return "patch-metadata"; }

        public Access access() {
            return patch.permission().isPresent() ? Access.DELETE : Access.OVERWRITE;
        }
    }

    /** Deletes the block; its history is kept until the history depth drops it. */
    record Delete() implements MemoryOp {
        public String kind() { return "delete"; }

        public Access access() { return Access.DELETE; }
    }
}
