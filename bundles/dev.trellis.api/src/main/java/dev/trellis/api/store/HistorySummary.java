package dev.trellis.api.store;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A summary that replaced archived messages of an agent's history (compaction by recursive
 * summarisation: each summary covers its predecessor and the messages archived after it).
 *
 * @param id             store-assigned (0 when not stored yet)
 * @param agentId        the agent
 * @param summary        the text shown to the model in place of the archived messages
 * @param depth          1 for the first summary, +1 for each summary that folds in a previous one
 * @param previousId     the summary it folds in, if any
 * @param firstMessageId first archived message it covers
 * @param lastMessageId  last archived message it covers
 * @param messageCount   messages it covers, those of the previous summary included
 * @param createdAt      when it was made
 * @since 1.2
 */
public record HistorySummary(long id, String agentId, String summary, int depth, OptionalLong previousId,
        long firstMessageId, long lastMessageId, int messageCount, Instant createdAt) {

    public HistorySummary {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(previousId, "previousId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (depth < 1) {
            throw new IllegalArgumentException("summary depth must be >= 1, was " + depth);
        }
    }
}
