package dev.trellis.agent.internal.turn;

import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.store.HistorySummary;
import dev.trellis.api.store.StoreService;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.api.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent's active history, kept in memory after the first turn loaded it from the store, and its
 * newest compaction summary. Only the agent's turn thread uses it (turns never overlap).
 */
final class Conversation {

    /** A stored message, decoded. */
    record Entry(long id, String turnId, ChatMessage message) {
    }

    private final String agentId;
    private List<Entry> active;
    private Optional<HistorySummary> summary = Optional.empty();

    Conversation(String agentId) {
        this.agentId = Objects.requireNonNull(agentId, "agentId");
    }

    void ensureLoaded(StoreService store) {
        if (active != null) {
            return;
        }
        record Loaded(List<StoredMessage> messages, Optional<HistorySummary> summary) {
        }
        Loaded loaded = store.read((StoreTransaction tx) -> new Loaded(tx.messages().active(agentId),
                tx.messages().latestSummary(agentId)));
        List<Entry> entries = new ArrayList<>(loaded.messages().size());
        for (StoredMessage m : loaded.messages()) {
            entries.add(decode(m));
        }
        active = entries;
        summary = loaded.summary();
    }

    static Entry decode(StoredMessage m) {
        try {
            return new Entry(m.id(), m.turnId(), new ChatMessage(m.role(), Parts.fromJson(m.contentJson())));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored message " + m.id() + " of agent " + m.agentId() + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    List<Entry> entries() {
        return active;
    }

    List<ChatMessage> messages() {
        return active.stream().map(Entry::message).toList();
    }

    Optional<HistorySummary> summary() {
        return summary;
    }

    void append(List<Entry> entries) {
        active.addAll(entries);
    }

    /** Messages up to {@code lastId} were archived; {@code newSummary} (if any) now opens the history. */
    void compacted(long lastId, Optional<HistorySummary> newSummary) {
        active.removeIf(e -> e.id() <= lastId);
        newSummary.ifPresent(s -> summary = Optional.of(s));
    }

    /** Forget the cache (e.g. a store failure left it uncertain); the next turn reloads. */
    void invalidate() {
        active = null;
    }
}
