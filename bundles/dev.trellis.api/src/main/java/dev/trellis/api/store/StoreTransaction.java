package dev.trellis.api.store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Access to the store inside one transaction. Valid only while the {@link Work} that received it
 * runs; any use afterwards throws {@link IllegalStateException}. Every method may throw
 * {@link StoreException}.
 */
@ProviderType
public interface StoreTransaction {

    /** Blocks (current state; the full-text index follows automatically). */
    BlockStore blocks();

    /** Per-block revision history. */
    HistoryStore history();

    /** Archival entries (with their full-text index). */
    ArchivalStore archival();

    /** Agents' conversation history, turn log and summaries. @since 1.2 */
    MessageStore messages();

    /** Inputs waiting for agents' turns. @since 1.2 */
    MessageQueueStore messageQueue();

    /** Full-text search across what this store indexes. */
    SearchIndex search();

    /** Blocks attached to agents other than their owners. @since 1.1 */
    SharedBlockStore sharedBlocks();

    /** The derived index of task-list blocks (items, edges, their full text). @since 1.2 */
    TaskIndexStore tasks();

    /**
     * Usage statistics of skills. The default throws: a store that keeps no skill usage (such as a test
     * double written before 1.2) says so instead of pretending.
     *
     * @throws UnsupportedOperationException if this store keeps no skill usage
     * @since 1.2
     */
    default SkillUsageStore skillUsage() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no skill usage statistics");
    }
}
