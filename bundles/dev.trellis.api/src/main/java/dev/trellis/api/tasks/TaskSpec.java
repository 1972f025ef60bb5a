package dev.trellis.api.tasks;

import java.util.Objects;
import java.util.Optional;

/**
 * A new task item; edges are added afterwards with {@link TaskService#link}.
 *
 * @param subject      non-blank
 * @param description  Markdown, may be empty
 * @param activeForm   optional present-continuous form
 * @param status       initial status; empty = the list's default status
 * @param owner        owner agent id; empty = the list's default owner
 * @param metadataJson JSON object text
 */
public record TaskSpec(String subject, String description, Optional<String> activeForm, Optional<TaskStatus> status,
        Optional<String> owner, String metadataJson) {

    public TaskSpec {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("task subject is blank");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(activeForm, "activeForm");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(metadataJson, "metadataJson");
    }

    /** Just a subject; everything else defaulted. */
    public static TaskSpec of(String subject) {
        return new TaskSpec(subject, "", Optional.empty(), Optional.empty(), Optional.empty(), "{}");
    }
}
