package dev.trellis.provider.anthropic.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.api.model.CacheProfile;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.GenerationParams;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.Role;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.provider.testing.Configs;
import dev.trellis.provider.testing.FakeLlmServer;
import dev.trellis.provider.testing.RecordedRequest;
import dev.trellis.provider.testing.RecordingListener;
import dev.trellis.provider.testing.RecordingLog;
import dev.trellis.provider.testing.Reply;
import dev.trellis.provider.testing.Sse;
import dev.trellis.provider.testing.StubCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicProviderTest {

    static final String KEY = "sk-ant-api03-TESTKEY-0123456789abcdefghij";

    private final FakeLlmServer server = FakeLlmServer.start();
    private final RecordingLog log = new RecordingLog();
    private AnthropicProvider provider;

    @AfterEach
    void tearDown() {
        if (provider != null) {
            provider.deactivate();
        }
        server.close();
    }

    private AnthropicProvider provider(StubCredentials credentials, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(Map.of("base.url", server.url("/v1")));
        props.putAll(extra);
        provider = new AnthropicProvider(Configs.of(AnthropicConfig.class, props), log, Clock.systemUTC());
        provider.resolver = credentials;
        return provider;
    }

    private RecordingListener stream(ChatRequest request) {
        RecordingListener l = new RecordingListener();
        provider.stream(request, l);
        return l.await();
    }

    private static ChatRequest ask(String text) {
        return ChatRequest.of(ModelId.parse("anthropic/claude-sonnet-4-5"), "You are terse.", text);
    }

    @Test
    void streamsThinkingWithItsSignatureThenTextAndCacheUsage() {
        provider(StubCredentials.apiKey(KEY), Map.of("thinking.budget.tokens", 2048));
        server.enqueue(Reply.sse(AnthropicFixtures.thinkingThenText()));
        RecordingListener l = stream(ask("Hi"));

        assertThat(l.violations()).isEmpty();
        assertThat(l.thinking()).isEqualTo("The user wants a greeting.");
        assertThat(l.signatures()).containsExactly("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds");
        assertThat(l.text()).isEqualTo("Gr\u00fc\u00df dich \uD83D\uDC4B");
        assertThat(l.events()).filteredOn(e -> e instanceof StreamEvent.Usage).containsExactly(
                new StreamEvent.Usage(472, 2, 20480, 1800), new StreamEvent.Usage(472, 87, 20480, 1800));
        assertThat(l.stop()).contains(StopReason.END_TURN);

        RecordedRequest r = server.takeRequest(Duration.ofSeconds(1));
        assertThat(r.path()).isEqualTo("/v1/messages");
        assertThat(new TreeSet<>(r.headers().keySet())).containsExactly("accept", "anthropic-beta", "anthropic-version",
                "content-length", "content-type", "host", "user-agent", "x-api-key");
        assertThat(r.header("x-api-key")).contains(KEY);
        assertThat(r.header("anthropic-version")).contains("2023-06-01");
        assertThat(r.header("anthropic-beta")).contains("extended-cache-ttl-2025-04-11"); // the 1 h system breakpoint
        assertThat(r.header("authorization")).isEmpty();
        JsonNode body = r.json();
        assertThat(body.path("thinking").toString()).isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":2048}");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(8192);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("system").toString()).isEqualTo(
                "[{\"type\":\"text\",\"text\":\"You are terse.\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]");
        assertThat(body.path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"Hi\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]");
    }

    @Test
    void parallelToolUseAndTheThinkingRoundTrip() {
        provider(StubCredentials.apiKey(KEY), Map.of());
        server.enqueue(Reply.sse(AnthropicFixtures.parallelTools()));
        ChatRequest request = new ChatRequest(ModelId.parse("anthropic/claude-sonnet-4-5"), "", List.of(
                ChatMessage.user("Weather?"),
                new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Thinking("Need a tool.", Optional.of("EqQBsig")),
                        new ContentPart.Thinking("", Optional.of("redacted_thinking:EmwKAhgBEgy3va3p")),
                        new ContentPart.Thinking("unsigned, from another provider", Optional.empty()),
                        new ContentPart.ToolCall("toolu_0", "get_weather", "{\"location\":\"Oslo\"}"))),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.ToolResult("toolu_0", "-3 C", false),
                        new ContentPart.ToolResult("toolu_x", "no such city", true))),
                ChatMessage.user("And SF?")),
                List.of(new ToolDescriptor("get_weather", "Weather", "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}",
                        CapabilityClass.OBSERVE)),
                new GenerationParams(OptionalInt.of(1000), OptionalDouble.of(0.3), List.of("\n\nHuman:")), CacheProfile.DEFAULT);
        RecordingListener l = stream(request);

        assertThat(l.violations()).isEmpty();
        assertThat(l.text()).isEqualTo("Let me check.");
        assertThat(l.toolCalls()).containsExactly(
                new RecordingListener.Call(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", "{\"location\": \"San Francisco, CA\"}"),
                new RecordingListener.Call(1, "toolu_02", "get_time", "{\"tz\":\"PST\"}"));
        assertThat(l.stop()).contains(StopReason.TOOL_USE);

        JsonNode body = server.takeRequest(Duration.ofSeconds(1)).json();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("stop_sequences").toString()).isEqualTo("[\"\\n\\nHuman:\"]");
        assertThat(body.path("tools").toString()).isEqualTo("[{\"name\":\"get_weather\",\"description\":\"Weather\","
                + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}},"
                + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]");
        assertThat(body.path("messages").toString()).isEqualTo("["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather?\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"Need a tool.\",\"signature\":\"EqQBsig\"},"
                + "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3p\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_0\",\"name\":\"get_weather\",\"input\":{\"location\":\"Oslo\"}}]},"
                // tool results and the next user turn merge into one user message: the history ends with the
                // last tool result (segment 2), the batch-opening text ends segment 3
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_0\",\"content\":\"-3 C\"},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_x\",\"content\":\"no such city\",\"is_error\":true,"
                + "\"cache_control\":{\"type\":\"ephemeral\"}},"
                + "{\"type\":\"text\",\"text\":\"And SF?\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]");
    }

    @Test
    void anOauthCredentialIsRefusedBeforeTheNetwork() {
        provider(StubCredentials.oauth("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", null), Map.of());
        RecordingListener l = stream(ask("Hi"));
        assertThat(l.error()).get().isInstanceOf(ModelError.Unauthorized.class);
        assertThat(l.exception().getMessage()).contains("does not allow consumer subscription")
                .contains("ANTHROPIC_API_KEY").doesNotContain("eyJhbGci");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void noCredentialsSaysHowToFixIt() {
        provider(StubCredentials.none(), Map.of());
        assertThat(stream(ask("Hi")).exception().getMessage()).contains("ANTHROPIC_API_KEY")
                .contains("./trellis auth login --provider anthropic");
        provider.resolver = null;
        assertThat(stream(ask("Hi")).exception().getMessage()).contains("no credential resolver");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "401|{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}|Unauthorized",
        "403|{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"Your API key does not have permission to use the specified resource.\"}}|Unauthorized",
        "400|{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"messages.0.content: Input should be a valid list\"}}|BadRequest",
        "404|{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-9\"}}|BadRequest",
        "413|{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exceeds the maximum allowed number of bytes.\"}}|BadRequest",
        "500|{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}|Http",
        "529|{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}|Overloaded",
    })
    void httpErrors(int status, String body, String kind) {
        provider(StubCredentials.apiKey(KEY), Map.of());
        server.enqueue(Reply.json(status, body));
        RecordingListener l = stream(ask("Hi"));
        assertThat(l.error()).get().extracting(e -> e.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(l.exception().getMessage()).doesNotContain(KEY);
    }

    @Test
    void rateLimitHintsFromAnthropicHeaders() {
        provider(StubCredentials.apiKey(KEY), Map.of());
        long reset = java.time.Instant.now().getEpochSecond() + 3600;
        server.enqueue(Reply.json(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}")
                .header("retry-after", "12").header("anthropic-ratelimit-requests-remaining", "0"));
        assertThat(stream(ask("Hi")).error()).contains(new ModelError.RateLimited("anthropic", Duration.ofSeconds(12)));
        server.enqueue(Reply.json(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"limit\"}}")
                .header("retry-after", "12").header("anthropic-ratelimit-unified-5h-reset", "" + reset));
        ModelError.RateLimited rl = (ModelError.RateLimited) stream(ask("Hi")).error().orElseThrow();
        assertThat(rl.retryAfter()).isBetween(Duration.ofSeconds(3500), Duration.ofSeconds(3600));
    }

    @Test
    void errorEventsMidStream() {
        provider(StubCredentials.apiKey(KEY), Map.of());
        server.enqueue(Reply.sse(AnthropicFixtures.messageStart() + Sse.events()
                .event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Par\"}}")
                .event("error", "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}").build()));
        RecordingListener l = stream(ask("Hi"));
        assertThat(l.text()).isEqualTo("Par");
        assertThat(l.error()).contains(new ModelError.Overloaded("anthropic"));
        assertThat(l.violations()).isEmpty();
    }

    @Test
    void malformedTruncatedAndOutOfOrderStreams() {
        provider(StubCredentials.apiKey(KEY), Map.of());
        server.enqueue(Reply.sse(AnthropicFixtures.thinkingThenText().replace("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", "")));
        assertThat(stream(ask("Hi")).error().orElseThrow().message()).contains("without message_stop (truncated)");

        server.enqueue(Reply.sse(AnthropicFixtures.messageStart() + Sse.events()
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}").build()));
        assertThat(stream(ask("Hi")).error().orElseThrow().message()).contains("delta for block 3, which is not open");

        server.enqueue(Reply.sse(Sse.events().event("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}").build()));
        assertThat(stream(ask("Hi")).error().orElseThrow().message()).contains("before message_start");

        server.enqueue(Reply.sse(AnthropicFixtures.messageStart() + Sse.events()
                .event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\"}}").build()));
        assertThat(stream(ask("Hi")).error().orElseThrow().message()).contains("input_json_delta for a text block");

        server.enqueue(Reply.sse(AnthropicFixtures.messageStart() + "event: content_block_start\ndata: {not json}\n\n"));
        ModelError e = stream(ask("Hi")).error().orElseThrow();
        assertThat(e).isInstanceOf(ModelError.MalformedStream.class);
        assertThat(e.message()).contains("event #2 'content_block_start': bad JSON");
    }

    @Test
    void refusalAndPauseStops() {
        provider(StubCredentials.apiKey(KEY), Map.of());
        for (String[] c : new String[][] {{"refusal", "REFUSAL"}, {"pause_turn", "PAUSE_TURN"}, {"max_tokens", "MAX_TOKENS"},
                {"stop_sequence", "STOP_SEQUENCE"}}) {
            server.enqueue(Reply.sse(AnthropicFixtures.thinkingThenText().replace("\"stop_reason\":\"end_turn\"", "\"stop_reason\":\"" + c[0] + "\"")));
            assertThat(stream(ask("Hi")).stop()).contains(StopReason.valueOf(c[1]));
        }
    }

    @Test
    void cancelAndDrain() throws Exception {
        provider(StubCredentials.apiKey(KEY), Map.of());
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch reached = new CountDownLatch(1);
        server.enqueue(Reply.sse(AnthropicFixtures.thinkingThenText()).reachedText("event: message_delta", reached)
                .pauseBeforeText("event: message_delta", gate));
        RecordingListener l = new RecordingListener();
        provider.stream(ask("Hi"), l);
        assertThat(reached.await(5, TimeUnit.SECONDS)).isTrue();
        AnthropicProvider stopping = provider;
        provider = null;
        CompletableFuture<Void> deactivated = CompletableFuture.runAsync(stopping::deactivate);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> stopping.stream(ask("x"), new RecordingListener()))
                        .hasMessageContaining("no model provider 'anthropic'"));
        assertThat(deactivated).isNotDone();
        gate.countDown();
        deactivated.get(5, TimeUnit.SECONDS);
        assertThat(l.await().stop()).contains(StopReason.END_TURN);
        assertThat(log.lines()).noneMatch(line -> line.contains(KEY));
    }

    @Test
    void thinkingConfigurationIsChecked() {
        assertThatThrownBy(() -> provider(StubCredentials.apiKey(KEY), Map.of("thinking.budget.tokens", 100)))
                .hasMessageContaining("thinking.budget.tokens must be 0 (off) or >= 1024, was 100");
        provider(StubCredentials.apiKey(KEY), Map.of("thinking.budget.tokens", 4096));
        server.enqueue(Reply.sse(AnthropicFixtures.thinkingThenText()));
        ChatRequest small = new ChatRequest(ModelId.parse("anthropic/claude-sonnet-4-5"), "", List.of(ChatMessage.user("x")),
                List.of(), new GenerationParams(OptionalInt.of(1000), OptionalDouble.of(0.5), List.of()), CacheProfile.NONE);
        stream(small);
        JsonNode body = server.takeRequest(Duration.ofSeconds(1)).json();
        assertThat(body.has("thinking")).isFalse(); // max_tokens 1000 leaves no room for a 4096 budget
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.toString()).doesNotContain("cache_control");
        assertThat(server.requests().getFirst().header("anthropic-beta")).isEmpty();
    }
}
