package dev.trellis.api.agent;

import java.util.Objects;

/** An agent call failed; {@link #reason()} says why. */
public class AgentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Kinds of failure. */
    public enum Reason {
        /** No agent with that id is configured. */
        UNKNOWN_AGENT,
        /** The agent's input queue is full; try again after its turn. */
        QUEUE_FULL,
        /**
         * The calling bundle may not name the author of an input (only the host's own surfaces may;
         * plugins send through {@code HostMessaging}, which authors them itself). Since 1.1.
         */
        NOT_TRUSTED,
        /** The input is empty or longer than {@link AgentRuntime#MAX_INPUT_LENGTH}. Since 1.1. */
        INVALID_INPUT
    }

    private final Reason reason;
    private final AgentId agent;

    public AgentException(Reason reason, AgentId agent, String message) {
        super("agent " + Objects.requireNonNull(agent, "agent") + ": " + Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.agent = agent;
    }

    public Reason reason() {
        return reason;
    }

    public AgentId agent() {
        return agent;
    }
}
