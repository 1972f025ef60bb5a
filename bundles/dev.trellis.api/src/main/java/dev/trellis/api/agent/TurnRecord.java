package dev.trellis.api.agent;

import dev.trellis.api.memory.Author;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One turn of an agent as the turn log shows it: the input that started it and, once it ended, how.
 *
 * @param turnId     the turn
 * @param agent      the agent
 * @param author     who gave the input
 * @param input      the input text
 * @param startedAt  when the turn started
 * @param endedAt    when it ended; empty while it runs
 * @param stopReason the terminal stop reason, if it ended normally
 * @param failure    why it failed (model error, cancel, guard), if it did
 * @param modelCalls model requests made so far (one per round of tool calls)
 * @param usage      tokens and prompt-cache figures summed over the model calls
 * @since 1.1
 */
public record TurnRecord(String turnId, AgentId agent, Author author, String input, Instant startedAt,
        Optional<Instant> endedAt, Optional<StopReason> stopReason, Optional<String> failure, int modelCalls,
        StreamEvent.Usage usage) {

    public TurnRecord {
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(usage, "usage");
        if (modelCalls < 0) {
            throw new IllegalArgumentException("modelCalls must be >= 0, was " + modelCalls);
        }
    }

    /** True while the turn runs. */
    public boolean running() {
        return endedAt.isEmpty();
    }
}
