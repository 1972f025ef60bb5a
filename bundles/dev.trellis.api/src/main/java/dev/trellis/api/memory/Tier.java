package dev.trellis.api.memory;

import java.util.Objects;

/**
 * How close a block is to the agent. Core blocks are always in the agent's context; working blocks
 * are in context while pinned or recently used. (Archival memory is not a tier: see
 * {@link ArchivalEntry}.)
 */
public enum Tier {
    CORE("core"),
    WORKING("working");

    private final String id;

    Tier(String id) {
        this.id = id;
    }

    /** The text form used in files, JSON and tool arguments. */
    public String id() {
        return id;
    }

    /**
     * @throws IllegalArgumentException for any other text, including the retired tiers
     *                                  {@code archival} and {@code log}
     */
    public static Tier parse(String text) {
        Objects.requireNonNull(text, "tier");
        for (Tier t : values()) {
            if (t.id.equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tier '" + text + "' (expected core or working)");
    }
}
