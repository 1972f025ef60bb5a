package dev.trellis.provider.gemini.internal;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiProviderTest {

    static final String KEY = "AIzaSyTESTKEY-0123456789abcdefghijklm";

    private final FakeLlmServer server = FakeLlmServer.start();
    private final RecordingLog log = new RecordingLog();
    private GeminiProvider provider;

    @AfterEach
    void tearDown() {
        if (provider != null) {
            provider.deactivate();
        }
        server.close();
    }

    private GeminiProvider provider(StubCredentials credentials) {
        provider = new GeminiProvider(Configs.of(GeminiConfig.class, Map.of("base.url", server.url("/v1beta"))), log,
                Clock.systemUTC());
        provider.resolver = credentials;
        return provider;
    }

    private RecordingListener stream(ChatRequest request) {
        RecordingListener l = new RecordingListener();
        provider.stream(request, l);
        return l.await();
    }

    private static ChatRequest ask(String text) {
        return ChatRequest.of(ModelId.parse("gemini/gemini-2.5-flash"), "Be brief.", text);
    }

    private static String chunk(String parts, String finish, String usage) {
        return "{\"candidates\": [{\"content\": {\"parts\": [" + parts + "],\"role\": \"model\"}"
                + (finish == null ? "" : ",\"finishReason\": \"" + finish + "\"") + ",\"index\": 0}]"
                + (usage == null ? "" : ",\"usageMetadata\": " + usage)
                + ",\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"Il0taoSYJ5Cez7\"}";
    }

    @Test
    void streamsThoughtsTextAndUsage() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.sse(Sse.events()
                .data(chunk("{\"text\": \"**Greeting** the user.\", \"thought\": true}", null,
                        "{\"promptTokenCount\": 10, \"totalTokenCount\": 30, \"thoughtsTokenCount\": 20}"))
                .data(chunk("{\"text\": \"Hallo \u00e9\"}", null, "{\"promptTokenCount\": 10, \"candidatesTokenCount\": 2}"))
                .data(chunk("{\"text\": \"t\u00e9 \uD83C\uDF1E\", \"thoughtSignature\": \"EjQKMgEMsig\"}", "STOP",
                        "{\"promptTokenCount\": 1210, \"cachedContentTokenCount\": 1024, \"candidatesTokenCount\": 6,"
                                + " \"thoughtsTokenCount\": 20, \"totalTokenCount\": 1236}")).build()));
        RecordingListener l = stream(ask("Hi"));

        assertThat(l.violations()).isEmpty();
        assertThat(l.thinking()).isEqualTo("**Greeting** the user.");
        assertThat(l.signatures()).containsExactly("EjQKMgEMsig");
        assertThat(l.text()).isEqualTo("Hallo \u00e9t\u00e9 \uD83C\uDF1E");
        assertThat(l.usage()).contains(new StreamEvent.Usage(186, 26, 1024, 0));
        assertThat(l.stop()).contains(StopReason.END_TURN);

        RecordedRequest r = server.takeRequest(Duration.ofSeconds(1));
        assertThat(r.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(r.query()).isEqualTo("alt=sse");
        assertThat(r.header("x-goog-api-key")).contains(KEY);
        assertThat(r.header("authorization")).isEmpty();
        JsonNode body = r.json();
        assertThat(body.path("systemInstruction").toString()).isEqualTo("{\"parts\":[{\"text\":\"Be brief.\"}]}");
        assertThat(body.path("contents").toString()).isEqualTo("[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]");
        assertThat(body.path("generationConfig").toString()).isEqualTo("{\"thinkingConfig\":{\"includeThoughts\":true}}");
    }

    @Test
    void parallelFunctionCallsAndTheirResponses() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.sse(Sse.events()
                .data(chunk("{\"functionCall\": {\"name\": \"get_weather\", \"args\": {\"location\": \"Paris\"}}, \"thoughtSignature\": \"CiQsig1\"},"
                        + "{\"functionCall\": {\"id\": \"fc-2\", \"name\": \"get_time\", \"args\": {\"tz\": \"CET\"}}}", "STOP",
                        "{\"promptTokenCount\": 50, \"candidatesTokenCount\": 12}")).build()));
        ChatRequest request = new ChatRequest(ModelId.parse("gemini/gemini-2.5-pro"), "", List.of(
                ChatMessage.user("Weather?"),
                new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Thinking("", Optional.of("CiQold")),
                        new ContentPart.ToolCall("gfc_1a2b", "get_weather", "{\"location\":\"Oslo\"}"),
                        new ContentPart.ToolCall("fc-9", "get_time", "{}"))),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.ToolResult("gfc_1a2b", "{\"temp\":-3}", false),
                        new ContentPart.ToolResult("fc-9", "clock broken", true)))),
                List.of(new ToolDescriptor("get_weather", "Weather", "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}",
                        CapabilityClass.OBSERVE)),
                new GenerationParams(OptionalInt.of(500), OptionalDouble.of(0.1), List.of("END")), CacheProfile.DEFAULT);
        RecordingListener l = stream(request);

        assertThat(l.violations()).isEmpty();
        assertThat(l.toolCalls()).hasSize(2);
        assertThat(l.toolCalls().get(0).id()).startsWith("gfc_");
        assertThat(l.toolCalls().get(0).name()).isEqualTo("get_weather");
        assertThat(l.toolCalls().get(0).arguments()).isEqualTo("{\"location\":\"Paris\"}");
        assertThat(l.toolCalls().get(1)).isEqualTo(new RecordingListener.Call(1, "fc-2", "get_time", "{\"tz\":\"CET\"}"));
        assertThat(l.signatures()).containsExactly("CiQsig1");
        assertThat(l.stop()).contains(StopReason.TOOL_USE);

        JsonNode body = server.takeRequest(Duration.ofSeconds(1)).json();
        assertThat(body.path("contents").toString()).isEqualTo("["
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"Weather?\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"location\":\"Oslo\"}},"
                + "\"thoughtSignature\":\"CiQold\"},{\"functionCall\":{\"name\":\"get_time\",\"id\":\"fc-9\",\"args\":{}}}]},"
                + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"temp\":-3}}},"
                + "{\"functionResponse\":{\"name\":\"get_time\",\"id\":\"fc-9\",\"response\":{\"error\":\"clock broken\"}}}]}]");
        assertThat(body.path("tools").toString()).isEqualTo("[{\"functionDeclarations\":[{\"name\":\"get_weather\","
                + "\"description\":\"Weather\",\"parametersJsonSchema\":{\"type\":\"object\",\"properties\":{\"location\":"
                + "{\"type\":\"string\"}}}}]}]");
        assertThat(body.path("generationConfig").toString()).isEqualTo("{\"maxOutputTokens\":500,\"temperature\":0.1,"
                + "\"stopSequences\":[\"END\"],\"thinkingConfig\":{\"includeThoughts\":true}}");
    }

    @Test
    void blockedPromptsAndSafetyStops() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.sse(Sse.events().data("{\"promptFeedback\": {\"blockReason\": \"SAFETY\", \"safetyRatings\": []},"
                + "\"usageMetadata\": {\"promptTokenCount\": 8}}").build()));
        assertThat(stream(ask("x")).error()).contains(new ModelError.Refusal("gemini", "prompt blocked (SAFETY)"));
        server.enqueue(Reply.sse(Sse.events().data(chunk("{\"text\": \"I\"}", "SAFETY", null)).build()));
        assertThat(stream(ask("x")).stop()).contains(StopReason.REFUSAL);
        server.enqueue(Reply.sse(Sse.events().data(chunk("{\"text\": \"I\"}", "MAX_TOKENS", null)).build()));
        assertThat(stream(ask("x")).stop()).contains(StopReason.MAX_TOKENS);
        server.enqueue(Reply.sse(Sse.events().data("{\"candidates\": [{\"finishReason\": \"MALFORMED_FUNCTION_CALL\","
                + "\"finishMessage\": \"Malformed function call: print(x\"}]}").build()));
        assertThat(stream(ask("x")).error().orElseThrow().message()).contains("MALFORMED_FUNCTION_CALL");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "400|{\"error\": {\"code\": 400, \"message\": \"API key not valid. Please pass a valid API key.\", \"status\": \"INVALID_ARGUMENT\", \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\", \"reason\": \"API_KEY_INVALID\", \"domain\": \"googleapis.com\"}]}}|Unauthorized",
        "403|{\"error\": {\"code\": 403, \"message\": \"Method doesn't allow unregistered callers.\", \"status\": \"PERMISSION_DENIED\"}}|Unauthorized",
        "400|{\"error\": {\"code\": 400, \"message\": \"Invalid JSON payload received.\", \"status\": \"INVALID_ARGUMENT\"}}|BadRequest",
        "404|{\"error\": {\"code\": 404, \"message\": \"models/gemini-9 is not found for API version v1beta\", \"status\": \"NOT_FOUND\"}}|BadRequest",
        "500|{\"error\": {\"code\": 500, \"message\": \"An internal error has occurred.\", \"status\": \"INTERNAL\"}}|Http",
        "503|{\"error\": {\"code\": 503, \"message\": \"The model is overloaded. Please try again later.\", \"status\": \"UNAVAILABLE\"}}|Overloaded",
    })
    void httpErrors(int status, String body, String kind) {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.json(status, body));
        RecordingListener l = stream(ask("x"));
        assertThat(l.error()).get().extracting(e -> e.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(l.exception().getMessage()).doesNotContain(KEY);
    }

    @Test
    void rateLimitWithRetryInfo() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.json(429, "{\"error\": {\"code\": 429, \"message\": \"You exceeded your current quota.\","
                + " \"status\": \"RESOURCE_EXHAUSTED\", \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.QuotaFailure\"},"
                + " {\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"41s\"}]}}"));
        assertThat(stream(ask("x")).error()).contains(new ModelError.RateLimited("gemini", Duration.ofSeconds(41)));
    }

    @Test
    void truncatedAndErrorChunks() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.sse(Sse.events().data(chunk("{\"text\": \"Hal\"}", null, null)).build()));
        RecordingListener l = stream(ask("x"));
        assertThat(l.text()).isEqualTo("Hal");
        assertThat(l.error().orElseThrow().message()).contains("without a chunk with finishReason (truncated)");
        server.enqueue(Reply.sse(Sse.events().data(chunk("{\"text\": \"Hal\"}", null, null))
                .data("{\"error\": {\"code\": 503, \"message\": \"overloaded\", \"status\": \"UNAVAILABLE\"}}").build()));
        assertThat(stream(ask("x")).error()).contains(new ModelError.Overloaded("gemini"));
        server.enqueue(Reply.sse("data: {\"candidates\": [\n\n"));
        assertThat(stream(ask("x")).error().orElseThrow().message()).contains("event #1 'message': bad JSON");
    }

    @Test
    void credentialsAndDrain() throws Exception {
        provider(StubCredentials.none());
        assertThat(stream(ask("x")).exception().getMessage()).contains("GEMINI_API_KEY")
                .contains("./trellis auth login --provider gemini");
        provider.resolver = StubCredentials.oauth("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", null);
        assertThat(stream(ask("x")).exception().getMessage()).contains("API keys only");
        assertThat(server.requests()).isEmpty();

        provider.resolver = StubCredentials.apiKey(KEY);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch reached = new CountDownLatch(1);
        String last = "data: " + chunk("{\"text\": \"b\"}", "STOP", null);
        server.enqueue(Reply.sse(Sse.events().data(chunk("{\"text\": \"a\"}", null, null)).raw(last + "\n\n").build())
                .reachedText(last, reached).pauseBeforeText(last, gate));
        RecordingListener l = new RecordingListener();
        provider.stream(ask("x"), l);
        assertThat(reached.await(5, TimeUnit.SECONDS)).isTrue();
        GeminiProvider stopping = provider;
        provider = null;
        CompletableFuture<Void> deactivated = CompletableFuture.runAsync(stopping::deactivate);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> stopping.stream(ask("x"), new RecordingListener()))
                        .hasMessageContaining("no model provider 'gemini'"));
        gate.countDown();
        deactivated.get(5, TimeUnit.SECONDS);
        assertThat(l.await().text()).isEqualTo("ab");
        assertThat(log.lines()).noneMatch(line -> line.contains(KEY));
    }
}
