package dev.trellis.api.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeRefTest {

    private static final TaskId ID = new TaskId(123_456_789L);

    @Test
    void parsesBlockRef() {
        EdgeRef ref = EdgeRef.parse("sprint");
        assertThat(ref).isEqualTo(new EdgeRef("sprint", Optional.empty()));
        assertThat(ref.isItem()).isFalse();
        assertThat(ref).hasToString("sprint");
    }

    @Test
    void parsesItemRef() {
        String text = "sprint#" + ID.format();
        EdgeRef ref = EdgeRef.parse(text);
        assertThat(ref).isEqualTo(EdgeRef.item("sprint", ID));
        assertThat(ref.isItem()).isTrue();
        assertThat(ref).hasToString(text);
    }

    @Test
    void emptyHandle() {
        assertThatThrownBy(() -> EdgeRef.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("edge ref '': empty block handle at index 0");
        assertThatThrownBy(() -> EdgeRef.parse("#0000000000001"))
                .hasMessage("edge ref '#0000000000001': empty block handle at index 0");
    }

    @Test
    void emptyItem() {
        assertThatThrownBy(() -> EdgeRef.parse("h#")).hasMessage("edge ref 'h#': empty item id at index 2");
    }

    @Test
    void secondHash() {
        assertThatThrownBy(() -> EdgeRef.parse("h#a#b")).hasMessage("edge ref 'h#a#b': unexpected '#' at index 3");
    }

    @Test
    void badItemIdCarriesTheOffset() {
        assertThatThrownBy(() -> EdgeRef.parse("list#abc"))
                .hasMessage("edge ref 'list#abc': bad item id at index 5: task id 'abc' must be 13 characters, was 3");
    }

    @Test
    void constructorRejectsHashInHandle() {
        assertThatThrownBy(() -> EdgeRef.block("a#b")).hasMessage("edge ref: block handle 'a#b' contains '#'");
    }
}
