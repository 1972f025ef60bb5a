package dev.trellis.api.tasks;

import dev.trellis.api.memory.MemoryError;
import java.util.Objects;

/** Why a task call failed; carried by {@link TaskException}. */
public sealed interface TaskError permits TaskError.TaskNotFound, TaskError.BlockNotFound, TaskError.NotATaskList,
        TaskError.MissingItemId, TaskError.ConflictingBlockScope, TaskError.InvalidJson, TaskError.Memory {

    /** Explanation fit for a model or a log. */
    String message();

    /** The block exists but has no such item. */
    record TaskNotFound(EdgeRef ref) implements TaskError {
        public TaskNotFound {
            Objects.requireNonNull(ref, "ref");
        }

        public String message() {
            return "task " + ref + " not found";
        }
    }

    /** No block with that handle in the scope. */
    record BlockNotFound(String block) implements TaskError {
        public BlockNotFound {
            Objects.requireNonNull(block, "block");
        }

        public String message() {
            return "task list '" + block + "' not found";
        }
    }

    /** The block exists but its schema is not {@code task-list}. */
    record NotATaskList(String block) implements TaskError {
        public NotATaskList {
            Objects.requireNonNull(block, "block");
        }

        public String message() {
            return "block '" + block + "' is not a task list";
        }
    }

    /** The call needs an item ref ({@code handle#item}) but got a block ref. */
    record MissingItemId(EdgeRef ref) implements TaskError {
        public MissingItemId {
            Objects.requireNonNull(ref, "ref");
        }

        public String message() {
            return "'" + ref + "' names a task list; this call needs 'handle#item'";
        }
    }

    /** A block argument contradicts the filter's block list. */
    record ConflictingBlockScope(String block) implements TaskError {
        public ConflictingBlockScope {
            Objects.requireNonNull(block, "block");
        }

        public String message() {
            return "block '" + block + "' conflicts with the filter's block list";
        }
    }

    /** A JSON argument (metadata) is not valid; {@code what} names it. */
    record InvalidJson(String what, String reason) implements TaskError {
        public InvalidJson {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(reason, "reason");
        }

        public String message() {
            return what + " is not valid JSON: " + reason;
        }
    }

    /** The underlying memory write failed (permission, isolation, char limit, conflict, store). */
    record Memory(MemoryError error) implements TaskError {
        public Memory {
            Objects.requireNonNull(error, "error");
        }

        public String message() {
            return error.message();
        }
    }
}
