package dev.trellis.tasks.internal;

import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A task list as an agent reads it inside its {@code <block:label>} element: a summary line, then up to the
 * list's display limit of items, open ones (in progress, blocked, pending) before closed ones, each in list
 * order:
 *
 * <pre>
 * 3 tasks: 1 in-progress, 1 pending, 1 completed
 * - [in-progress] Write the spec (sprint#0cq6v1x2m4k8p, owner ada): writing the spec; blocks review
 * - [pending] Review the spec (sprint#0cq6v1x2m4k8q)
 * - [completed] Collect notes (sprint#0cq6v1x2m4k8r)
 * </pre>
 */
final class ListRenderer {

    private ListRenderer() {
    }

    static String render(String label, TaskList list) {
        List<TaskItem> items = list.items();
        if (items.isEmpty()) {
            return "No tasks yet.";
        }
        StringBuilder out = new StringBuilder();
        out.append(items.size()).append(items.size() == 1 ? " task: " : " tasks: ")
                .append(items.stream().collect(Collectors.groupingBy(TaskItem::status, java.util.TreeMap::new,
                        Collectors.counting())).entrySet().stream().map(e -> e.getValue() + " " + e.getKey().id())
                        .collect(Collectors.joining(", ")))
                .append('\n');
        List<TaskItem> shown = new ArrayList<>(items);
        // stable: list order within open and within closed
        shown.sort(Comparator.comparing(i -> i.status().isClosed()));
        int limit = list.settings().displayLimit();
        for (TaskItem item : shown.subList(0, Math.min(limit, shown.size()))) {
            out.append("- [").append(item.status().id()).append("] ").append(oneLine(item.subject())).append(" (")
                    .append(label).append('#').append(item.id().format());
            item.owner().ifPresent(o -> out.append(", owner ").append(o));
            out.append(')');
            List<String> notes = new ArrayList<>();
            if (item.status() == dev.trellis.api.tasks.TaskStatus.IN_PROGRESS) {
                item.activeForm().ifPresent(a -> notes.add(oneLine(a)));
            }
            if (!item.blocks().isEmpty()) {
                notes.add("blocks " + item.blocks().stream().map(EdgeRef::toString).collect(Collectors.joining(", ")));
            }
            if (!item.comments().isEmpty()) {
                notes.add(item.comments().size() + (item.comments().size() == 1 ? " comment" : " comments"));
            }
            if (!notes.isEmpty()) {
                out.append(": ").append(String.join("; ", notes));
            }
            out.append('\n');
        }
        if (shown.size() > limit) {
            out.append("… and ").append(shown.size() - limit).append(" more (display limit ").append(limit)
                    .append("; task_list shows all)\n");
        }
        return out.toString().stripTrailing();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
