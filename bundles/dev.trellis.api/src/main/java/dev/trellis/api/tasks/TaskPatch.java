package dev.trellis.api.tasks;

import java.util.Objects;

/**
 * Changes to a task item; only fields that are not {@link Patch.Absent} change, and the item's
 * {@code updatedAt} is refreshed. Status changes go through {@link TaskService#transition} instead,
 * so that {@code completedAt} is stamped consistently.
 *
 * @param subject      may not be cleared (subject is required)
 * @param description  clearing sets it to empty
 * @param activeForm   three-state
 * @param owner        three-state (clearing falls back to no owner, not to the list default)
 * @param metadataJson replaces the whole metadata object; clearing sets {@code {}}
 */
public record TaskPatch(Patch<String> subject, Patch<String> description, Patch<String> activeForm,
        Patch<String> owner, Patch<String> metadataJson) {

    /** Changes nothing. */
    public static final TaskPatch NONE = new TaskPatch(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
            Patch.absent());

    /** @throws IllegalArgumentException if {@code subject} is {@link Patch.Clear} or a blank value */
    public TaskPatch {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(activeForm, "activeForm");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(metadataJson, "metadataJson");
        if (subject instanceof Patch.Clear<String>) {
            throw new IllegalArgumentException("task subject cannot be cleared");
        }
        if (subject instanceof Patch.Set<String>(String value) && value.isBlank()) {
            throw new IllegalArgumentException("task subject is blank");
        }
    }

    /** True if no field changes. */
    public boolean isEmpty() {
        return !subject.changes() && !description.changes() && !activeForm.changes() && !owner.changes()
                && !metadataJson.changes();
    }
}
