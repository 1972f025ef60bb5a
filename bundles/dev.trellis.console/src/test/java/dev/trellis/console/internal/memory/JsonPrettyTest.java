package dev.trellis.console.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonPrettyTest {

    @Test
    void indentsObjectsAndArrays() {
        assertThat(JsonPrettyTest.pretty("{\"a\":1,\"b\":[true,null],\"c\":{}}")).isEqualTo("""
                {
                  "a": 1,
                  "b": [
                    true,
                    null
                  ],
                  "c": {}
                }""");
    }

    @Test
    void stringsAreCopiedAsTheyAre() {
        assertThat(pretty("[\"x, {y}: [z]\",\"q\\\"uote\\\\\"]")).isEqualTo("""
                [
                  "x, {y}: [z]",
                  "q\\"uote\\\\"
                ]""");
    }

    @Test
    void emptyContainersStayOnOneLineAndScalarsPassThrough() {
        assertThat(pretty("[]")).isEqualTo("[]");
        assertThat(pretty("[ ]")).isEqualTo("[]");
        assertThat(pretty("42")).isEqualTo("42");
    }

    @Test
    void unbalancedTextIsReturnedUnchanged() {
        assertThat(pretty("{\"a\":[1}")).isEqualTo("{\"a\":[1}");
        assertThat(pretty("not json]")).isEqualTo("not json]");
        assertThat(pretty("{\"open")).isEqualTo("{\"open");
    }

    static String pretty(String s) {
        return JsonPretty.indent(s);
    }
}
