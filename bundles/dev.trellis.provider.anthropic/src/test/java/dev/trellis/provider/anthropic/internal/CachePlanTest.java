package dev.trellis.provider.anthropic.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.api.model.CacheProfile;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.GenerationParams;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.Role;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.ToolDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CachePlanTest {

    private static final ToolDescriptor TOOL = new ToolDescriptor("t", "a tool", "{\"type\":\"object\"}", CapabilityClass.OBSERVE);

    /** A conversation of two earlier batches and a running one with a tool loop. */
    private static List<ChatMessage> conversation() {
        return List.of(
                ChatMessage.user("batch 1"), ChatMessage.assistant("answer 1"),
                ChatMessage.user("batch 2 + memory snapshot"),
                new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.ToolCall("c1", "t", "{}"))),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.ToolResult("c1", "ok", false))),
                new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Thinking("hm", Optional.of("sig")),
                        new ContentPart.ToolCall("c2", "t", "{}"))),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.ToolResult("c2", "ok", false))));
    }

    private static JsonNode encode(String system, List<ChatMessage> messages, List<ToolDescriptor> tools, CacheProfile cache) {
        ChatRequest r = new ChatRequest(ModelId.parse("anthropic/claude-sonnet-4-5"), system, messages, tools,
                GenerationParams.DEFAULT, cache);
        return MessagesRequest.encode(r, "claude-sonnet-4-5", 1024, 0, List.of()).body();
    }

    /** Paths of blocks with cache_control and their ttl ("5m" when absent). */
    private static List<String> markers(JsonNode body) {
        List<String> out = new ArrayList<>();
        for (String section : new String[] {"tools", "system"}) {
            int i = 0;
            for (JsonNode b : body.path(section)) {
                if (b.has("cache_control")) {
                    out.add(section + "[" + i + "]=" + b.path("cache_control").path("ttl").asText("5m"));
                }
                i++;
            }
        }
        int m = 0;
        for (JsonNode msg : body.path("messages")) {
            int i = 0;
            for (JsonNode b : msg.path("content")) {
                if (b.has("cache_control")) {
                    out.add("messages[" + m + "][" + i + "]=" + b.path("cache_control").path("ttl").asText("5m"));
                }
                i++;
            }
            m++;
        }
        return out;
    }

    @Test
    void fourBreakpointsOnSystemHistoryMemoryAndTail() {
        JsonNode body = encode("system", conversation(), List.of(TOOL), CacheProfile.DEFAULT);
        // wire messages: 0 user, 1 assistant, 2 user(batch 2), 3 assistant, 4 user(tool), 5 assistant, 6 user(tool)
        assertThat(markers(body)).containsExactly("system[0]=1h", "messages[1][0]=5m", "messages[2][0]=5m",
                "messages[6][0]=5m");
        assertThat(body.path("messages").get(5).path("content").get(0).has("cache_control")).isFalse(); // thinking
    }

    @Test
    void withoutSystemTheLastToolCarriesSegmentOne() {
        assertThat(markers(encode("", conversation(), List.of(TOOL, new ToolDescriptor("u", "u", "{\"type\":\"object\"}",
                CapabilityClass.OBSERVE)), CacheProfile.DEFAULT))).startsWith("tools[1]=1h");
    }

    @Test
    void extendedLifetimesDropTo5mWhenNotAllowedAndNeverFollowAShortOne() {
        CacheProfile noExtended = new CacheProfile(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofMinutes(5), false);
        assertThat(markers(encode("s", conversation(), List.of(), noExtended))).allMatch(m -> m.endsWith("=5m"));
        assertThat(CachePlan.downgrade(noExtended)).isPresent();
        CacheProfile inverted = new CacheProfile(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(24), true);
        assertThat(markers(encode("s", conversation(), List.of(), inverted))).allMatch(m -> m.endsWith("=5m"));
        CacheProfile zeroHistory = new CacheProfile(Duration.ofHours(1), Duration.ZERO, Duration.ofMinutes(5), true);
        assertThat(markers(encode("s", conversation(), List.of(), zeroHistory))).containsExactly("system[0]=1h",
                "messages[2][0]=5m");
        assertThat(markers(encode("s", conversation(), List.of(), CacheProfile.NONE))).isEmpty();
    }

    @Test
    void aSingleMessageGetsOneMessageBreakpoint() {
        assertThat(markers(encode("s", List.of(ChatMessage.user("hi")), List.of(), CacheProfile.DEFAULT)))
                .containsExactly("system[0]=1h", "messages[0][0]=5m");
    }

    @Test
    void neverMoreThanFourAndNeverOnThinkingForRandomConversations() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            List<ChatMessage> messages = new ArrayList<>();
            messages.add(ChatMessage.user("start"));
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                Role last = messages.getLast().role();
                if (last == Role.ASSISTANT) {
                    messages.add(random.nextBoolean() ? ChatMessage.user("u" + i)
                            : new ChatMessage(Role.TOOL, List.of(new ContentPart.ToolResult("c" + i, "r", false))));
                } else {
                    messages.add(new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Thinking("t", Optional.of("s")),
                            random.nextBoolean() ? new ContentPart.Text("a" + i) : new ContentPart.ToolCall("c" + (i + 1), "t", "{}"))));
                }
            }
            JsonNode body = encode(random.nextBoolean() ? "sys" : "", messages, random.nextBoolean() ? List.of(TOOL) : List.of(),
                    CacheProfile.DEFAULT);
            List<String> markers = markers(body);
            assertThat(markers).as("round %d", round).hasSizeLessThanOrEqualTo(4);
            boolean shortSeen = false;
            for (String m : markers) {
                if (m.endsWith("=5m")) {
                    shortSeen = true;
                } else {
                    assertThat(shortSeen).as("1h after 5m in %s", markers).isFalse();
                }
            }
            for (JsonNode msg : body.path("messages")) {
                for (JsonNode b : msg.path("content")) {
                    if (b.path("type").asText().contains("thinking")) {
                        assertThat(b.has("cache_control")).isFalse();
                    }
                }
            }
        }
    }
}
