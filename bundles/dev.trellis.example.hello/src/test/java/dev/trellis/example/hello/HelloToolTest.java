package dev.trellis.example.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolResult;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

class HelloToolTest {

    private static HelloConfig config(String greeting) {
        return new HelloConfig() {
            @Override public String greeting() { return greeting; }
            @Override public Class<? extends Annotation> annotationType() { return HelloConfig.class; }
        };
    }

    @Test
    void greetsTheNamedPersonWithTheConfiguredGreeting() {
        ToolResult r = new HelloTool(config("Howdy")).invoke(new ToolCall("c1", "agent-1", "{\"name\": \"Ada\"}"));
        assertThat(r).isEqualTo(ToolResult.ok("Howdy, Ada!"));
    }

    @Test
    void missingNameIsAnErrorResultNotAnException() {
        ToolResult r = new HelloTool(config("Hello")).invoke(new ToolCall("c1", "agent-1", "{}"));
        assertThat(r.error()).isTrue();
        assertThat(r.content()).contains("'name'");
    }

    @Test
    void descriptorNameMatchesServiceProperty() {
        assertThat(HelloTool.DESCRIPTOR.name()).isEqualTo("hello");
    }
}
