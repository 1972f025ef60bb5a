package dev.trellis.api.store;

import dev.trellis.api.memory.Author;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Inputs waiting for agents' turns. Persisted, so what is queued survives a restart; an input leaves
 * the queue in the same transaction that stores the turn that handled it.
 *
 * @since 1.2
 */
@ProviderType
public interface MessageQueueStore {

    /**
     * Queues an input.
     *
     * @throws StoreException {@code CONSTRAINT} if {@code turnId} is already queued
     */
    QueuedMessage enqueue(String agentId, String turnId, Author author, String body);

    /** The agent's waiting inputs, oldest first. */
    List<QueuedMessage> pending(String agentId);

    /** @return false if it was not queued (any more) */
    boolean remove(String turnId);

    /** Agents with at least one waiting input, ordered by id. */
    List<String> agentsWithPending();
}
