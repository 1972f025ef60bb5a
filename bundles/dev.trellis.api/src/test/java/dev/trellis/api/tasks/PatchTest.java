package dev.trellis.api.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PatchTest {

    @Test
    void threeStatesApply() {
        Optional<String> current = Optional.of("old");
        assertThat(Patch.<String>absent().applyTo(current)).contains("old");
        assertThat(Patch.<String>clear().applyTo(current)).isEmpty();
        assertThat(Patch.set("new").applyTo(current)).contains("new");
        assertThat(Patch.set("new").applyTo(Optional.empty())).contains("new");
    }

    @Test
    void fromJsonDistinguishesMissingFromNull() {
        assertThat(Patch.fromJson(false, null)).isInstanceOf(Patch.Absent.class);
        assertThat(Patch.fromJson(false, "ignored")).isInstanceOf(Patch.Absent.class);
        assertThat(Patch.fromJson(true, null)).isInstanceOf(Patch.Clear.class);
        assertThat(Patch.fromJson(true, "v")).isEqualTo(Patch.set("v"));
    }

    @Test
    void changes() {
        assertThat(Patch.absent().changes()).isFalse();
        assertThat(Patch.clear().changes()).isTrue();
        assertThat(Patch.set(1).changes()).isTrue();
    }

    @Test
    void setRejectsNull() {
        assertThatThrownBy(() -> Patch.set(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("patch value (use Patch.clear() to clear)");
    }

    @Test
    void taskPatchRules() {
        assertThat(TaskPatch.NONE.isEmpty()).isTrue();
        TaskPatch owner = new TaskPatch(Patch.absent(), Patch.absent(), Patch.absent(), Patch.clear(), Patch.absent());
        assertThat(owner.isEmpty()).isFalse();
        assertThatThrownBy(() -> new TaskPatch(Patch.clear(), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent())).hasMessage("task subject cannot be cleared");
        assertThatThrownBy(() -> new TaskPatch(Patch.set("  "), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent())).hasMessage("task subject is blank");
    }

    @Test
    void graphQueryDefaultsAndBounds() {
        assertThat(GraphQuery.DEFAULT).isEqualTo(new GraphQuery(GraphQuery.Direction.FORWARD, 16, 1000));
        assertThat(new GraphQuery(GraphQuery.Direction.BOTH, 0, 1).depth()).isZero();
        assertThatThrownBy(() -> new GraphQuery(GraphQuery.Direction.BOTH, -1, 1))
                .hasMessage("graph depth must be >= 0, was -1");
        assertThatThrownBy(() -> new GraphQuery(GraphQuery.Direction.BOTH, 1, 0))
                .hasMessage("graph maxNodes must be >= 1, was 0");
    }
}
