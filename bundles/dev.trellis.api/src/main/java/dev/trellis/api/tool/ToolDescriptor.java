package dev.trellis.api.tool;

import java.util.Objects;

/**
 * What an agent is told about a tool.
 *
 * @param name            unique tool name as the model sees it: 1 to 64 characters of
 *                        {@code [A-Za-z0-9_-]}; the same as the {@value Tool#NAME} service property
 * @param description     plain-language description shown to the model; never blank
 * @param inputSchema     JSON Schema (draft 2020-12 object schema) of the arguments, as JSON text
 * @param capabilityClass what the tool may do; agents without this class never see the tool
 */
public record ToolDescriptor(String name, String description, String inputSchema, CapabilityClass capabilityClass) {

    /** Names the model accepts as function names across providers. */
    public static final String NAME_PATTERN = "[A-Za-z0-9_-]{1,64}";

    /**
     * @throws IllegalArgumentException if a field is missing, blank, or the name does not match
     *                                  {@link #NAME_PATTERN}
     */
    public ToolDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(capabilityClass, "capabilityClass");
        if (!name.matches(NAME_PATTERN)) {
            throw new IllegalArgumentException("tool name '" + name + "' must match " + NAME_PATTERN);
        }
        if (description.isBlank()) {
            throw new IllegalArgumentException("tool '" + name + "' has a blank description");
        }
        if (inputSchema.isBlank()) {
            throw new IllegalArgumentException("tool '" + name + "' has a blank input schema");
        }
    }
}
