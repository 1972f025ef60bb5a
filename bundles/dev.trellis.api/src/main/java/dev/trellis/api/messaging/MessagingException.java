package dev.trellis.api.messaging;

import java.util.Objects;

/** A message could not be sent; {@link #reason()} says why. Nothing was queued. */
public class MessagingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Kinds of failure. */
    public enum Reason {
        /** No such agent or group. */
        UNKNOWN_RECIPIENT,
        /** No {@link MessageChannel} with that name is registered. */
        CHANNEL_UNAVAILABLE,
        /** The channel failed to deliver (its own error is the cause). */
        CHANNEL_FAILED,
        /** The body is empty or too long. */
        INVALID_BODY,
        /**
         * The agent runtime is not running, so no agent or group can be reached; nothing was queued.
         * Since 1.1.
         */
        AGENTS_UNAVAILABLE,
        /** The agent's input queue is full; nothing was queued. Since 1.1. */
        QUEUE_FULL
    }

    private final Reason reason;

    public MessagingException(Reason reason, String message) {
        this(reason, message, null);
    }

    public MessagingException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
