package dev.trellis.api.memory;

import dev.trellis.api.plugin.PluginId;
import java.util.Objects;

/**
 * Who made a change. The host fills it in from what it knows about the caller (the calling bundle,
 * the agent whose tool call is running, the console user); callers never supply it.
 */
public sealed interface Author permits Author.Agent, Author.Plugin, Author.Human, Author.System {

    /** Short text for rendering, e.g. {@code agent ada}, {@code plugin org.example.sync}. */
    String render();

    /** An agent, through one of its tool calls. */
    record Agent(String agentId) implements Author {
        public Agent {
            requireText(agentId, "agentId");
        }

        @Override
        public String render() {
            return "agent " + agentId;
        }
    }

    /** A plugin bundle, through a bundle-scoped host service. */
    record Plugin(PluginId plugin) implements Author {
        public Plugin {
            Objects.requireNonNull(plugin, "plugin");
        }

        @Override
        public String render() {
            return "plugin " + plugin.value();
        }
    }

    /** A person, through the console or shell. */
    record Human(String name) implements Author {
        public Human {
            requireText(name, "name");
        }

        @Override
        public String render() {
            return "human " + name;
        }
    }

    /** The host itself (migrations, initial blocks, reconciliation); {@code reason} says why. */
    record System(String reason) implements Author {
        public System {
            requireText(reason, "reason");
        }

        @Override
        public String render() {
            return "system (" + reason + ")";
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }
}
