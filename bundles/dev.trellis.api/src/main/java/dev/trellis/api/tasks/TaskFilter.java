package dev.trellis.api.tasks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Selects task items; present constraints are ANDed.
 *
 * @param statuses    any of these statuses; empty = any status
 * @param owner       only items owned by this agent id
 * @param hasBlockers true = at least one incoming edge, false = none
 * @param keyword     full-text query over subject, description and comments
 * @param blocks      only items in these task-list blocks; present but empty matches nothing
 */
public record TaskFilter(Set<TaskStatus> statuses, Optional<String> owner, Optional<Boolean> hasBlockers,
        Optional<String> keyword, Optional<List<String>> blocks) {

    /** Matches every item. */
    public static final TaskFilter ALL = new TaskFilter(Set.of(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public TaskFilter {
        statuses = Set.copyOf(Objects.requireNonNull(statuses, "statuses"));
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(hasBlockers, "hasBlockers");
        Objects.requireNonNull(keyword, "keyword");
        blocks = Objects.requireNonNull(blocks, "blocks").map(List::copyOf);
        if (keyword.isPresent() && keyword.get().isBlank()) {
            throw new IllegalArgumentException("task filter keyword is blank");
        }
    }
}
