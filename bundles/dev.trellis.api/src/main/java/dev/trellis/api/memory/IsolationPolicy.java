package dev.trellis.api.memory;

import java.util.Objects;

/**
 * How a persona's global memory mixes with a project's local memory inside that project.
 */
public enum IsolationPolicy {
    /** Persona and project memory are merged; writes flow both ways. */
    NONE("none"),
    /** Persona core blocks are read-only inside the project; project writes stay local. */
    CORE_ONLY("core-only"),
    /** Only the persona's identity is visible; no persona block content, archival search project-only. */
    FULL("full");

    private final String id;

    IsolationPolicy(String id) {
        this.id = id;
    }

    /** Text form, e.g. {@code core-only}. */
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException for unknown text */
    public static IsolationPolicy parse(String text) {
        Objects.requireNonNull(text, "isolation policy");
        for (IsolationPolicy p : values()) {
            if (p.id.equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "unknown isolation policy '" + text + "' (expected none, core-only or full)");
    }
}
