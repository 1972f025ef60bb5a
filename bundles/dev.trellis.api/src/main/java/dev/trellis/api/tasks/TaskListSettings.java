package dev.trellis.api.tasks;

import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a task-list block.
 *
 * @param defaultOwner  owner of new items that name none
 * @param defaultStatus status of new items that name none
 * @param displayLimit  most items rendered into an agent's context, 1 or more
 */
public record TaskListSettings(Optional<String> defaultOwner, TaskStatus defaultStatus, int displayLimit) {

    /** No default owner, pending, 20 items shown. */
    public static final TaskListSettings DEFAULT = new TaskListSettings(Optional.empty(), TaskStatus.PENDING, 20);

    public TaskListSettings {
        Objects.requireNonNull(defaultOwner, "defaultOwner");
        Objects.requireNonNull(defaultStatus, "defaultStatus");
        if (displayLimit < 1) {
            throw new IllegalArgumentException("displayLimit must be >= 1, was " + displayLimit);
        }
    }
}
