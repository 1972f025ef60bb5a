package dev.trellis.api.store;

import dev.trellis.api.memory.Author;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One finished turn of an agent, for the turn log.
 *
 * @param turnId              the turn
 * @param agentId             the agent
 * @param author              who gave the input
 * @param input               the input text
 * @param startedAt           when the turn started
 * @param endedAt             when it ended
 * @param stopReason          the terminal stop reason ({@code end_turn}, ...), if it ended normally
 * @param failure             why it failed, if it did
 * @param modelCalls          model requests made (one per tool round)
 * @param inputTokens         uncached input tokens, summed over the model calls
 * @param outputTokens        generated tokens, summed
 * @param cacheReadTokens     input tokens read from the prompt cache, summed
 * @param cacheCreationTokens input tokens written to the prompt cache, summed
 * @since 1.2
 */
public record TurnLogEntry(String turnId, String agentId, Author author, String input, Instant startedAt,
        Instant endedAt, Optional<String> stopReason, Optional<String> failure, int modelCalls, long inputTokens,
        long outputTokens, long cacheReadTokens, long cacheCreationTokens) {

    public TurnLogEntry {
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(failure, "failure");
        if (modelCalls < 0 || inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheCreationTokens < 0) {
            throw new IllegalArgumentException("turn " + turnId + ": counts must be >= 0");
        }
    }
}
