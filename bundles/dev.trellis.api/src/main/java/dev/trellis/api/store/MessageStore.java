package dev.trellis.api.store;

import dev.trellis.api.memory.Scope;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Agents' conversation history (with its full-text index), their turn log and the summaries that
 * compaction puts in place of archived messages.
 *
 * @since 1.2
 */
@ProviderType
public interface MessageStore {

    /**
     * Stores a message and indexes its text.
     *
     * @throws StoreException {@code CONSTRAINT} if the turn already has a message with that seq
     */
    StoredMessage append(NewMessage message);

    /** The agent's active (not archived) messages, oldest first. */
    List<StoredMessage> active(String agentId);

    /** The agent's newest {@code limit} messages, archived ones included, oldest first. */
    List<StoredMessage> newest(String agentId, int limit);

    /** Messages of the agent, archived or not. */
    long count(String agentId, boolean activeOnly);

    /**
     * Marks the agent's active messages with {@code id <= lastId} archived (they stay searchable).
     *
     * @return how many were archived
     */
    int archiveThrough(String agentId, long lastId);

    /** Records a finished turn. @throws StoreException {@code CONSTRAINT} if the turn is already logged */
    void logTurn(TurnLogEntry turn);

    /** The agent's newest {@code limit} turns, newest first. */
    List<TurnLogEntry> turns(String agentId, int limit);

    /** Stores a summary; the store assigns its id. */
    HistorySummary addSummary(HistorySummary summary);

    /** The agent's newest summary, if compaction ever summarised. */
    Optional<HistorySummary> latestSummary(String agentId);

    /** The distinct scopes holding messages, ordered by their text form (for unscoped searches). */
    List<Scope> scopesWithMessages();
}
