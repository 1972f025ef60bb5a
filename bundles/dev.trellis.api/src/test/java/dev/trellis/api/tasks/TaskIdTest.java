package dev.trellis.api.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskIdTest {

    @Test
    void formatsThirteenCrockfordCharacters() {
        assertThat(new TaskId(1).format()).isEqualTo("0000000000001");
        assertThat(new TaskId(32).format()).isEqualTo("0000000000010");
        assertThat(new TaskId(31).format()).isEqualTo("000000000000z");
        assertThat(new TaskId(Long.MAX_VALUE).format()).isEqualTo("7zzzzzzzzzzzz");
    }

    @Test
    void parseRoundTripsAndIgnoresCase() {
        for (long v : new long[] {1, 31, 32, 123_456_789_012L, Long.MAX_VALUE}) {
            TaskId id = new TaskId(v);
            assertThat(TaskId.parse(id.format())).isEqualTo(id);
        }
        assertThat(TaskId.parse("000000000000Z")).isEqualTo(new TaskId(31));
    }

    @Test
    void textOrderIsNumericOrder() {
        TaskId a = new TaskId(1_000);
        TaskId b = new TaskId(1_000_000);
        assertThat(a.format().compareTo(b.format())).isNegative();
        assertThat(a.compareTo(b)).isNegative();
    }

    @Test
    void composesAndDecomposesTime() {
        Instant at = Instant.parse("2026-11-25T10:00:00.123Z");
        TaskId first = TaskId.of(at, 3, 0);
        TaskId second = TaskId.of(at, 3, 1);
        TaskId otherNode = TaskId.of(at, 4, 0);
        assertThat(first.createdAt()).isEqualTo(at);
        assertThat(second.value() - first.value()).isEqualTo(1);
        assertThat(otherNode.value() - first.value()).isEqualTo(4096);
        assertThat(TaskId.of(at.plusMillis(1), 0, 0)).isGreaterThan(TaskId.of(at, 1023, 4095));
    }

    @Test
    void rejectsOutOfRangeParts() {
        assertThatThrownBy(() -> TaskId.of(Instant.parse("2025-12-31T23:59:59Z"), 0, 0))
                .hasMessage("task id time 2025-12-31T23:59:59Z is outside the id clock range");
        assertThatThrownBy(() -> TaskId.of(TaskId.EPOCH.plusSeconds(1), 1024, 0))
                .hasMessage("task id node must be 0..1023, was 1024");
        assertThatThrownBy(() -> TaskId.of(TaskId.EPOCH.plusSeconds(1), 0, 4096))
                .hasMessage("task id sequence must be 0..4095, was 4096");
        assertThatThrownBy(() -> new TaskId(0)).hasMessage("task id must be positive, was 0");
    }

    @Test
    void parseErrorsAreLocated() {
        assertThatThrownBy(() -> TaskId.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task id is empty");
        assertThatThrownBy(() -> TaskId.parse("123")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task id '123' must be 13 characters, was 3");
        assertThatThrownBy(() -> TaskId.parse("00000u0000001"))
                .hasMessage("task id '00000u0000001' has invalid character 'u' at index 5");
        assertThatThrownBy(() -> TaskId.parse("8000000000000"))
                .hasMessage("task id '8000000000000' is larger than 63 bits");
        assertThatThrownBy(() -> TaskId.parse("0000000000000")).hasMessage("task id '0000000000000' is zero");
    }
}
