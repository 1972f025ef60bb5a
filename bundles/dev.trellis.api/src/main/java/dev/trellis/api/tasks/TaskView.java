package dev.trellis.api.tasks;

import java.util.Objects;
import java.util.Optional;

/**
 * A task item as listed.
 *
 * @param ref          {@code handle#item}
 * @param subject      the subject
 * @param status       the status
 * @param owner        the owner, if any
 * @param blockerCount incoming edges (tasks blocking this one)
 * @param blocksCount  outgoing edges (what this one blocks)
 */
public record TaskView(EdgeRef ref, String subject, TaskStatus status, Optional<String> owner, int blockerCount,
        int blocksCount) {
    public TaskView {
        Objects.requireNonNull(ref, "ref");
        if (!ref.isItem()) {
            throw new IllegalArgumentException("task view needs an item ref, got '" + ref + "'");
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(owner, "owner");
        if (blockerCount < 0 || blocksCount < 0) {
            throw new IllegalArgumentException("edge counts must be >= 0");
        }
    }
}
