package dev.trellis.api.store;

import java.util.Objects;

/**
 * A store operation failed. The transaction it ran in has been rolled back: nothing of it is
 * visible. {@link #reason()} says whether retrying can help.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Kinds of store failure. */
    public enum Reason {
        /** The store is closed, not migrated yet, or its file/server cannot be reached. Retry later. */
        UNAVAILABLE(true),
        /** Another writer held the store for longer than the busy timeout. Retry. */
        BUSY(true),
        /** A uniqueness or foreign-key rule was violated (e.g. a block inserted twice). Do not retry. */
        CONSTRAINT(false),
        /** A full-text query could not be parsed. Do not retry. */
        BAD_QUERY(false),
        /** Data read back is not what was written (schema too new, corrupt file). Do not retry. */
        CORRUPT(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        /** True if the same call may succeed later. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;

    public StoreException(Reason reason, String message) {
        this(reason, message, null);
    }

    public StoreException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + Objects.requireNonNull(message, "message"), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
