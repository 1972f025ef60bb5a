package dev.trellis.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.ToolDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

    private static final ModelId ECHO = ModelId.parse("scripted/echo");

    @Test
    void mustStartWithUser() {
        assertThatThrownBy(() -> new ChatRequest(ECHO, "", List.of(ChatMessage.assistant("hi")), List.of(),
                GenerationParams.DEFAULT, CacheProfile.DEFAULT))
                .hasMessage("chat request for scripted/echo must start with a USER message, not ASSISTANT");
        assertThatThrownBy(() -> new ChatRequest(ECHO, "", List.of(), List.of(), GenerationParams.DEFAULT,
                CacheProfile.DEFAULT)).hasMessage("chat request for scripted/echo has no messages");
    }

    @Test
    void toolNamesMustBeUnique() {
        ToolDescriptor t = new ToolDescriptor("echo", "Echoes", "{\"type\":\"object\"}", CapabilityClass.OBSERVE);
        assertThatThrownBy(() -> new ChatRequest(ECHO, "", List.of(ChatMessage.user("x")), List.of(t, t),
                GenerationParams.DEFAULT, CacheProfile.DEFAULT))
                .hasMessage("chat request for scripted/echo repeats a tool name");
    }

    @Test
    void partsMustFitRole() {
        assertThatThrownBy(() -> new ChatMessage(Role.USER, List.of(new ContentPart.ToolCall("c1", "echo", "{}"))))
                .hasMessage("ToolCall part is not allowed in a USER message");
        assertThat(new ChatMessage(Role.TOOL, List.of(new ContentPart.ToolResult("c1", "ok", false))).parts())
                .hasSize(1);
    }

    @Test
    void cacheHitRatio() {
        assertThat(new StreamEvent.Usage(25, 10, 75, 0).cacheHitRatio()).isEqualTo(0.75);
        assertThat(new StreamEvent.Usage(0, 10, 0, 0).cacheHitRatio()).isZero();
    }
}
