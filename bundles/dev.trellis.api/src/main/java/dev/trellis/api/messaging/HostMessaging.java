package dev.trellis.api.messaging;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends messages on behalf of the calling bundle. Registered with bundle scope: each bundle gets its
 * own instance, and the host records every message with {@link MessageAuthor.Plugin} built from that
 * bundle's symbolic name. Thread-safe.
 */
@ProviderType
public interface HostMessaging {

    /**
     * Sends a message. For an agent: an idle agent starts a turn at once, a busy one finds the message
     * in its persisted queue after the current turn. For a group: the same for every member. For a
     * channel: delivered synchronously to the channel service.
     *
     * @throws MessagingException {@code UNKNOWN_RECIPIENT}, {@code CHANNEL_UNAVAILABLE},
     *                            {@code CHANNEL_FAILED}, {@code INVALID_BODY} (blank or longer than
     *                            {@link Message#MAX_BODY_LENGTH}), {@code AGENTS_UNAVAILABLE}, {@code QUEUE_FULL} (since 1.1)
     */
    Delivery send(Recipient to, String body);
}
