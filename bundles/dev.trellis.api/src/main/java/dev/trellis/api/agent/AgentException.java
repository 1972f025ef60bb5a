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
        QUEUE_FULL
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
