package dev.trellis.api.messaging;

import java.time.Instant;
import java.util.Objects;

/**
 * A message as delivered.
 *
 * @param id     host-assigned unique id
 * @param to     the recipient
 * @param author who sent it (set by the host)
 * @param body   the text, at most {@link #MAX_BODY_LENGTH} characters
 * @param sentAt when the host accepted it
 */
public record Message(String id, Recipient to, MessageAuthor author, String body, Instant sentAt) {

    /** Longest accepted body. */
    public static final int MAX_BODY_LENGTH = 100_000;

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sentAt, "sentAt");
        if (body.length() > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException(
                    "message body has " + body.length() + " characters, more than " + MAX_BODY_LENGTH);
        }
    }
}
