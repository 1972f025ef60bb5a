package dev.trellis.api.tasks;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One task in a task list.
 *
 * @param id           unique id, time-ordered
 * @param subject      what to do, imperative ("Write the spec"); non-blank
 * @param description  Markdown details; empty if none
 * @param activeForm   present-continuous form shown while in progress ("writing the spec")
 * @param status       where it stands
 * @param owner        agent id of the owner; defaults to the list's default owner
 * @param blocks       outgoing edges: what this task blocks (incoming edges are derived)
 * @param metadataJson free-form JSON object text ({@code "{}"} if none)
 * @param comments     comments, oldest first
 * @param createdAt    creation time
 * @param updatedAt    last change of any field
 * @param completedAt  set when the status became {@code completed}
 */
public record TaskItem(TaskId id, String subject, String description, Optional<String> activeForm, TaskStatus status,
        Optional<String> owner, List<EdgeRef> blocks, String metadataJson, List<TaskComment> comments,
        Instant createdAt, Instant updatedAt, Optional<Instant> completedAt) {

    public TaskItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("task " + id + ": subject is blank");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(activeForm, "activeForm");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(owner, "owner");
        blocks = List.copyOf(Objects.requireNonNull(blocks, "blocks"));
        Objects.requireNonNull(metadataJson, "metadataJson");
        comments = List.copyOf(Objects.requireNonNull(comments, "comments"));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(completedAt, "completedAt");
    }
}
