package dev.trellis.api.memory;

import java.util.Objects;

/**
 * Why a memory call failed. Carried by {@link MemoryException}; switch over it to react to each kind.
 * {@link #message()} is a sentence fit for a model or a log.
 */
public sealed interface MemoryError permits MemoryError.NotFound, MemoryError.AlreadyExists, MemoryError.Conflict,
        MemoryError.PermissionDenied, MemoryError.IsolationDenied, MemoryError.CharLimitExceeded,
        MemoryError.InvalidOperation, MemoryError.ReadOnlyField, MemoryError.QueryError,
        MemoryError.StoreUnavailable {

    /** Human-readable explanation. */
    String message();

    /** A write or history call named a block that does not exist. */
    record NotFound(BlockAddress address) implements MemoryError {
        public NotFound {
            Objects.requireNonNull(address, "address");
        }

        public String message() {
            return "block " + address + " does not exist";
        }
    }

    /** Create named a block that already exists. */
    record AlreadyExists(BlockAddress address) implements MemoryError {
        public AlreadyExists {
            Objects.requireNonNull(address, "address");
        }

        public String message() {
            return "block " + address + " already exists";
        }
    }

    /** A non-commuting op expected an older revision; read the current state and try again. */
    record Conflict(BlockAddress address, long expectedRevision, long currentRevision, String currentContent)
            implements MemoryError {
        public Conflict {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(currentContent, "currentContent");
        }

        public String message() {
            return "block " + address + " is at revision " + currentRevision + ", not " + expectedRevision;
        }
    }

    /** The block's permission does not allow the access. */
    record PermissionDenied(BlockAddress address, Access access, Permission actual) implements MemoryError {
        public PermissionDenied {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(actual, "actual");
        }

        public String message() {
            return "block " + address + " is " + actual.id() + "; " + access.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs " + access.required().id();
        }
    }

    /** The isolation policy of the caller's view does not allow touching this scope. */
    record IsolationDenied(BlockAddress address, IsolationPolicy policy) implements MemoryError {
        public IsolationDenied {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(policy, "policy");
        }

        public String message() {
            return "block " + address + " is not writable under isolation policy " + policy.id();
        }
    }

    /** The content after the op would exceed the block's char limit; nothing was written. */
    record CharLimitExceeded(BlockAddress address, int limit, int attempted) implements MemoryError {
        public CharLimitExceeded {
            Objects.requireNonNull(address, "address");
        }

        public String message() {
            return "block " + address + " holds at most " + limit + " characters; the write needs " + attempted;
        }
    }

    /** The op does not fit the block (wrong schema, bad JSON, text not found, index out of range). */
    record InvalidOperation(BlockAddress address, String reason) implements MemoryError {
        public InvalidOperation {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(reason, "reason");
        }

        public String message() {
            return "block " + address + ": " + reason;
        }
    }

    /** A map field is declared read-only. */
    record ReadOnlyField(BlockAddress address, String field) implements MemoryError {
        public ReadOnlyField {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(field, "field");
        }

        public String message() {
            return "field '" + field + "' of block " + address + " is read-only";
        }
    }

    /** A search query could not be parsed (e.g. bad full-text syntax). */
    record QueryError(String query, String reason) implements MemoryError {
        public QueryError {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(reason, "reason");
        }

        public String message() {
            return "query '" + query + "' is invalid: " + reason;
        }
    }

    /** The store cannot answer now; the call changed nothing and may be retried. */
    record StoreUnavailable(String reason) implements MemoryError {
        public StoreUnavailable {
            Objects.requireNonNull(reason, "reason");
        }

        public String message() {
            return "memory store unavailable: " + reason;
        }
    }
}
