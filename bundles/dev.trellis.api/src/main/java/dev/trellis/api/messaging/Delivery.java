package dev.trellis.api.messaging;

import java.util.Objects;

/**
 * What the host did with a sent message.
 *
 * @param messageId the id of the message
 * @param outcome   how it was handled
 */
public record Delivery(String messageId, Outcome outcome) {
    public Delivery {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** How the host handled the message. */
    public enum Outcome {
        /** An idle agent started a turn for it (for a group: at least one). */
        TURN_STARTED,
        /** Persisted in the queue; it is handled after the current turn, also across restarts. */
        QUEUED,
        /** Handed to the channel. */
        DELIVERED_TO_CHANNEL
    }
}
