package dev.trellis.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev.trellis.memory", "org.example.my-plugin", "a", "A_1.b-2"})
    void acceptsSymbolicNames(String bsn) {
        assertThat(PluginId.of(bsn).value()).isEqualTo(bsn);
        assertThat(PluginId.of(bsn)).hasToString(bsn);
    }

    @Test
    void rejectsEmpty() {
        assertThatThrownBy(() -> PluginId.of("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin id is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", ".a", "a.", "a b", "a/b", "ünï"})
    void rejectsInvalidNames(String bsn) {
        assertThatThrownBy(() -> PluginId.of(bsn)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin id '" + bsn
                        + "' is not a bundle symbolic name (dot-separated segments of letters, digits, '_' and '-')");
    }

    @Test
    void rejectsTooLong() {
        String longId = "a".repeat(256);
        assertThatThrownBy(() -> PluginId.of(longId)).hasMessage(
                "plugin id '" + "a".repeat(32) + "...' is longer than 255 characters");
        assertThat(PluginId.of("a".repeat(255)).value()).hasSize(255);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> PluginId.of(null)).isInstanceOf(NullPointerException.class).hasMessage("plugin id");
    }
}
