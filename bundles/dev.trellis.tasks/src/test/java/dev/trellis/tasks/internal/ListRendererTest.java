package dev.trellis.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.TaskComment;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskList;
import dev.trellis.api.tasks.TaskListSettings;
import dev.trellis.api.tasks.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListRendererTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    static TaskItem item(int n, String subject, TaskStatus status, Optional<String> active, List<EdgeRef> blocks, int comments) {
        List<TaskComment> c = java.util.stream.IntStream.range(0, comments)
                .mapToObj(i -> new TaskComment("agent ada", T0, "c" + i)).toList();
        return new TaskItem(TaskId.of(T0, 0, n), subject, "", active, status, n == 1 ? Optional.of("ada") : Optional.empty(),
                blocks, "{}", c, T0, T0, Optional.empty());
    }

    @Test
    void openTasksFirstUpToTheDisplayLimit() {
        TaskId two = TaskId.of(T0, 0, 2);
        TaskList list = new TaskList(new TaskListSettings(Optional.empty(), TaskStatus.PENDING, 2), List.of(
                item(0, "Collect notes", TaskStatus.COMPLETED, Optional.empty(), List.of(), 0),
                item(1, "Write  the\nspec", TaskStatus.IN_PROGRESS, Optional.of("writing the spec"),
                        List.of(EdgeRef.item("sprint", two), EdgeRef.block("review")), 2),
                item(2, "Review the spec", TaskStatus.PENDING, Optional.of("reviewing"), List.of(), 1)));
        assertThat(ListRenderer.render("sprint", list)).isEqualTo("""
                3 tasks: 1 pending, 1 in-progress, 1 completed
                - [in-progress] Write the spec (sprint#%s, owner ada): writing the spec; blocks sprint#%s, review; 2 comments
                - [pending] Review the spec (sprint#%s): 1 comment
                … and 1 more (display limit 2; task_list shows all)""".formatted(TaskId.of(T0, 0, 1), two, two));
    }

    @Test
    void anEmptyList() {
        assertThat(ListRenderer.render("x", TaskList.EMPTY)).isEqualTo("No tasks yet.");
    }
}
