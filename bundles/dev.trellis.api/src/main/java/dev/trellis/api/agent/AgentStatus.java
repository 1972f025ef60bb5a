package dev.trellis.api.agent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one agent.
 *
 * @param id         the agent
 * @param state      what it is doing
 * @param queued     inputs waiting for the next turn
 * @param lastTurnAt when the last turn ended
 * @param problem    why it is {@link AgentState#UNAVAILABLE}
 */
public record AgentStatus(AgentId id, AgentState state, int queued, Optional<Instant> lastTurnAt,
        Optional<String> problem) {
    public AgentStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastTurnAt, "lastTurnAt");
        Objects.requireNonNull(problem, "problem");
        if (queued < 0) {
            throw new IllegalArgumentException("queued must be >= 0, was " + queued);
        }
    }
}
