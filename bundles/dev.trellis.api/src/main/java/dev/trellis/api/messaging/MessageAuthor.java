package dev.trellis.api.messaging;

import dev.trellis.api.agent.AgentId;
import dev.trellis.api.plugin.PluginId;
import java.util.Objects;

/**
 * Who sent a message. Always built by the host from what it knows (the calling bundle, the agent
 * whose tool call runs, the console user): {@link HostMessaging} has no author parameter, so a plugin
 * cannot send as anyone but itself.
 */
public sealed interface MessageAuthor permits MessageAuthor.Agent, MessageAuthor.Plugin, MessageAuthor.Human,
        MessageAuthor.System {

    /** Short text for rendering, e.g. {@code plugin org.example.discord}. */
    String render();

    /** An agent, through one of its tool calls. */
    record Agent(AgentId id) implements MessageAuthor {
        public Agent {
            Objects.requireNonNull(id, "id");
        }

        public String render() {
            return "agent " + id.value();
        }
    }

    /** A plugin bundle; the id is the bundle's symbolic name as seen by the host. */
    record Plugin(PluginId id) implements MessageAuthor {
        public Plugin {
            Objects.requireNonNull(id, "id");
        }

        public String render() {
            return "plugin " + id.value();
        }
    }

    /** A person, through the console or shell. */
    record Human(String name) implements MessageAuthor {
        public Human {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("human author name is blank");
            }
        }

        public String render() {
            return "human " + name;
        }
    }

    /** The host itself; {@code reason} says why (e.g. a wake-up). */
    record System(String reason) implements MessageAuthor {
        public System {
            Objects.requireNonNull(reason, "reason");
        }

        public String render() {
            return "system (" + reason + ")";
        }
    }
}
