package dev.trellis.api.memory.sync;

import dev.trellis.api.plugin.PluginId;
import java.util.Objects;

/**
 * Where a change came from. The host builds it; a plugin cannot choose its origin.
 */
public sealed interface Origin permits Origin.Host, Origin.Plugin {

    /** The shared host origin. */
    Origin HOST = new Host();

    /** The host: agents' tool calls, console, shell, system jobs. */
    record Host() implements Origin {
    }

    /**
     * A plugin's write through its bundle-scoped {@code MemoryService}.
     *
     * @param plugin         the writing bundle
     * @param subscriptionId the subscription the write is associated with, or 0 if none
     */
    record Plugin(PluginId plugin, long subscriptionId) implements Origin {
        public Plugin {
            Objects.requireNonNull(plugin, "plugin");
            if (subscriptionId < 0) {
                throw new IllegalArgumentException("subscriptionId must be >= 0, was " + subscriptionId);
            }
        }
    }
}
