package dev.trellis.api.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockAddressTest {

    @Test
    void parsesScopeAndLabel() {
        BlockAddress a = BlockAddress.parse("local:trellis/notes");
        assertThat(a.scope()).isEqualTo(Scope.local("trellis"));
        assertThat(a.label()).isEqualTo("notes");
    }

    @Test
    void labelMayContainSlashes() {
        BlockAddress a = BlockAddress.parse("global:@ada/mcp/github/search.md");
        assertThat(a.scope()).isEqualTo(Scope.global("@ada"));
        assertThat(a.label()).isEqualTo("mcp/github/search.md");
        assertThat(a).hasToString("global:@ada/mcp/github/search.md");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/x", "x/", "a//b", "-x", "a b"})
    void rejectsBadLabels(String label) {
        assertThatThrownBy(() -> BlockAddress.of(Scope.local("p"), label))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("block label '" + label + "' must match ");
    }

    @Test
    void rejectsLabelLongerThan128() {
        assertThat(BlockAddress.of(Scope.local("p"), "a".repeat(128)).label()).hasSize(128);
        assertThatThrownBy(() -> BlockAddress.of(Scope.local("p"), "a".repeat(129)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseErrorsQuoteTheWholeInput() {
        assertThatThrownBy(() -> BlockAddress.parse("local:p"))
                .hasMessage("block address 'local:p' must be '<scope>/<label>'");
        assertThatThrownBy(() -> BlockAddress.parse("team:p/notes")).hasMessage(
                "block address 'team:p/notes': scope 'team:p' has unknown kind 'team' (expected 'local' or 'global')");
    }
}
