package dev.trellis.api.messaging;

import dev.trellis.api.agent.AgentId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a message goes. Text form {@code scheme:value}: {@code agent:<id>}, {@code group:<id>},
 * {@code channel:<name>}.
 */
public sealed interface Recipient permits Recipient.Agent, Recipient.Group, Recipient.Channel {

    /** Group ids and channel names: a lower-case letter or digit, then up to 63 of those, '_', '-' or '.'. */
    Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    /** The text form. */
    String format();

    /** One agent; it runs a turn now if idle, else after its current turn. */
    record Agent(AgentId id) implements Recipient {
        public Agent {
            Objects.requireNonNull(id, "id");
        }

        public String format() {
            return "agent:" + id.value();
        }
    }

    /** Every agent of a group. */
    record Group(String id) implements Recipient {
        public Group {
            checkName("group id", id);
        }

        public String format() {
            return "group:" + id;
        }
    }

    /** A {@link MessageChannel} registered with this {@value MessageChannel#NAME}. */
    record Channel(String name) implements Recipient {
        public Channel {
            checkName("channel name", name);
        }

        public String format() {
            return "channel:" + name;
        }
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException if the scheme is missing or unknown, or the value is invalid;
     *                                  the message quotes the input
     */
    static Recipient parse(String text) {
        Objects.requireNonNull(text, "recipient");
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(
                    "recipient '" + text + "' must be 'agent:<id>', 'group:<id>' or 'channel:<name>'");
        }
        String scheme = text.substring(0, colon);
        String value = text.substring(colon + 1);
        try {
            return switch (scheme) {
                case "agent" -> new Agent(AgentId.of(value));
                case "group" -> new Group(value);
                case "channel" -> new Channel(value);
                default -> throw new IllegalArgumentException(
                        "unknown scheme '" + scheme + "' (expected agent, group or channel)");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("recipient '" + text + "': " + e.getMessage(), e);
        }
    }

    private static void checkName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must match " + NAME.pattern());
        }
    }
}
