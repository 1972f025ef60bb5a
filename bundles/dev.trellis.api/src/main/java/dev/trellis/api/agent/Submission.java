package dev.trellis.api.agent;

import java.util.Objects;

/**
 * What the runtime did with an input.
 *
 * @param turnId      the id of the turn that handles it
 * @param startedTurn true if the agent was idle and a turn started for it at once; false if it waits
 *                    in the persisted queue (the agent is busy or unavailable)
 * @param ahead       inputs queued before it (0 if a turn started)
 * @since 1.1
 */
public record Submission(String turnId, boolean startedTurn, int ahead) {
    public Submission {
        Objects.requireNonNull(turnId, "turnId");
        if (ahead < 0) {
            throw new IllegalArgumentException("ahead must be >= 0, was " + ahead);
        }
    }
}
