package dev.trellis.api.messaging;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way out of Trellis (chat service, mail, a UI), registered as a service by a channel bundle with
 * the service property {@value #NAME} (matching {@link Recipient#NAME}). Messages to
 * {@code channel:<name>} are delivered to it. Whiteboard: register to offer the channel, unregister to
 * withdraw it.
 */
@ConsumerType
public interface MessageChannel {

    /** Service property holding the channel name. */
    String NAME = "channel.name";

    /**
     * Delivers one message. Called from the sender's thread; should hand off and return quickly.
     *
     * @throws MessagingException {@code CHANNEL_FAILED} if the message cannot be delivered; any other
     *                            runtime exception is reported the same way
     */
    void deliver(Message message);
}
