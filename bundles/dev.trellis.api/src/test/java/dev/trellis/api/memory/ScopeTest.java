package dev.trellis.api.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void parsesBothKinds() {
        assertThat(Scope.parse("local:trellis")).isEqualTo(new Scope.Local("trellis"));
        assertThat(Scope.parse("global:@ada")).isEqualTo(new Scope.Global("@ada"));
    }

    @Test
    void sameIdInDifferentKindsIsDifferent() {
        assertThat(Scope.local("x")).isNotEqualTo(Scope.global("x"));
    }

    @Test
    void keyRoundTrips() {
        for (String text : new String[] {"local:p-1.a", "global:_x"}) {
            assertThat(Scope.parse(text).key()).isEqualTo(text);
            assertThat(Scope.parse(text)).hasToString(text);
        }
    }

    @Test
    void missingColon() {
        assertThatThrownBy(() -> Scope.parse("trellis")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scope 'trellis' must be 'local:<project>' or 'global:<persona>'");
    }

    @Test
    void unknownKind() {
        assertThatThrownBy(() -> Scope.parse("agent:ada"))
                .hasMessage("scope 'agent:ada' has unknown kind 'agent' (expected 'local' or 'global')");
    }

    @Test
    void invalidId() {
        assertThatThrownBy(() -> Scope.parse("local:"))
                .hasMessage("local scope id '' must match [A-Za-z0-9_@][A-Za-z0-9_@.-]{0,127}");
        assertThatThrownBy(() -> Scope.parse("global:a:b"))
                .hasMessage("global scope id 'a:b' must match [A-Za-z0-9_@][A-Za-z0-9_@.-]{0,127}");
    }
}
