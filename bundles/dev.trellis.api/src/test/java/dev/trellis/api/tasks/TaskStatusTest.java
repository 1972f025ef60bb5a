package dev.trellis.api.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskStatusTest {

    @Test
    void parsesKebabCase() {
        assertThat(TaskStatus.parse("in-progress")).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(TaskStatus.parse("cancelled")).isEqualTo(TaskStatus.CANCELLED);
        for (TaskStatus s : TaskStatus.values()) {
            assertThat(TaskStatus.parse(s.id())).isSameAs(s);
            assertThat(s).hasToString(s.id());
        }
    }

    @Test
    void unknownIsAnErrorNotADefault() {
        assertThatThrownBy(() -> TaskStatus.parse("in_progress")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown task status 'in_progress' (expected pending, in-progress, blocked, completed or cancelled)");
        assertThatThrownBy(() -> TaskStatus.parse("")).hasMessageStartingWith("unknown task status ''");
    }

    @Test
    void closedStatuses() {
        assertThat(TaskStatus.COMPLETED.isClosed()).isTrue();
        assertThat(TaskStatus.CANCELLED.isClosed()).isTrue();
        assertThat(TaskStatus.BLOCKED.isClosed()).isFalse();
    }
}
