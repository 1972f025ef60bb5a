package dev.trellis.api.model;

import java.util.Objects;

/** Why the model stopped. Only {@link #TOOL_USE} continues the agent's turn. */
public enum StopReason {
    END_TURN("end_turn"),
    /** The model called tools; run them and send the results. */
    TOOL_USE("tool_use"),
    MAX_TOKENS("max_tokens"),
    STOP_SEQUENCE("stop_sequence"),
    /** The model declined to answer. */
    REFUSAL("refusal"),
    /** The provider paused a long turn; send the conversation again to continue. */
    PAUSE_TURN("pause_turn");

    private final String id;

    StopReason(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** True for every reason but {@link #TOOL_USE}. */
    public boolean isTerminal() {
        return this != TOOL_USE;
    }

    /** @throws IllegalArgumentException for unknown text */
    public static StopReason parse(String text) {
        Objects.requireNonNull(text, "stop reason");
        for (StopReason r : values()) {
            if (r.id.equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown stop reason '" + text + "'");
    }
}
