package dev.trellis.api.tasks;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole content of a task-list block: its settings and its items in list order (the order is the
 * list's display order; reordering keeps ids).
 *
 * @param settings defaults and display limit
 * @param items    the items; ids are unique
 * @since 1.1
 */
public record TaskList(TaskListSettings settings, List<TaskItem> items) {

    /** An empty list with default settings. */
    public static final TaskList EMPTY = new TaskList(TaskListSettings.DEFAULT, List.of());

    /** @throws IllegalArgumentException if two items share an id */
    public TaskList {
        Objects.requireNonNull(settings, "settings");
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Set<TaskId> seen = new HashSet<>();
        for (TaskItem item : items) {
            if (!seen.add(item.id())) {
                throw new IllegalArgumentException("task id " + item.id() + " appears twice in the list");
            }
        }
    }

    /** The item with that id, if the list has it. */
    public Optional<TaskItem> item(TaskId id) {
        Objects.requireNonNull(id, "id");
        return items.stream().filter(i -> i.id().equals(id)).findFirst();
    }
}
