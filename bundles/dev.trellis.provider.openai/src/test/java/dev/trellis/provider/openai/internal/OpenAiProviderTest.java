package dev.trellis.provider.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.GenerationParams;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.Role;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.CacheProfile;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiProviderTest {

    static final String KEY = "sk-proj-TESTKEY0123456789abcdef";
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLXRlc3Q";
    static final String ACCOUNT = "acct-7f3e9c21";

    private final FakeLlmServer server = FakeLlmServer.start();
    private final RecordingLog log = new RecordingLog();
    private OpenAiProvider provider;

    @AfterEach
    void tearDown() {
        if (provider != null) {
            provider.deactivate();
        }
        server.close();
    }

    private OpenAiProvider provider(StubCredentials credentials, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(Map.of("chat.base.url", server.url("/v1"),
                "responses.base.url", server.url("/v1"), "codex.base.url", server.url("/backend-api/codex")));
        props.putAll(extra);
        provider = new OpenAiProvider(Configs.of(OpenAiConfig.class, props), log, Clock.systemUTC());
        provider.resolver = credentials;
        return provider;
    }

    private OpenAiProvider provider(StubCredentials credentials) {
        return provider(credentials, Map.of());
    }

    private static ChatRequest ask(String model) {
        return ChatRequest.of(ModelId.parse(model), "Be brief.", "Say hi");
    }

    private RecordingListener stream(ChatRequest request) {
        RecordingListener l = new RecordingListener();
        provider.stream(request, l);
        return l.await();
    }

    // ---- Chat Completions ------------------------------------------------------------------

    @Test
    void apiKeyAndGpt4oStreamChatCompletions() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.sse(OpenAiFixtures.chatText()));
        RecordingListener l = stream(ask("openai/gpt-4o"));

        assertThat(l.violations()).isEmpty();
        assertThat(l.text()).isEqualTo("Bonjour \u2713 \uD83C\uDF89");
        assertThat(l.usage()).contains(new StreamEvent.Usage(93, 46, 1024, 0));
        assertThat(l.stop()).contains(StopReason.END_TURN);
        assertThat(l.events().getLast()).isEqualTo(new StreamEvent.Stop(StopReason.END_TURN));

        RecordedRequest r = server.takeRequest(Duration.ofSeconds(1));
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        assertThat(r.header("authorization")).contains("Bearer " + KEY);
        assertThat(r.header("accept")).contains("text/event-stream");
        assertThat(r.header("chatgpt-account-id")).isEmpty();
        JsonNode body = r.json();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("messages").toString())
                .isEqualTo("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Say hi\"}]");
    }

    @Test
    void parallelToolCallsKeepTheirIndexes() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.sse(OpenAiFixtures.chatParallelTools()));
        var tools = List.of(new ToolDescriptor("get_weather", "Weather for a place",
                "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}",
                CapabilityClass.OBSERVE), new ToolDescriptor("get_time", "Time in a zone",
                "{\"type\":\"object\",\"properties\":{\"tz\":{\"type\":\"string\"}}}", CapabilityClass.OBSERVE));
        ChatRequest request = new ChatRequest(ModelId.parse("openai/gpt-4o"), "", List.of(ChatMessage.user("Weather?")),
                tools, new GenerationParams(OptionalInt.of(256), OptionalDouble.of(0.2), List.of("END")), CacheProfile.DEFAULT);
        RecordingListener l = stream(request);

        assertThat(l.violations()).isEmpty();
        assertThat(l.toolCalls()).containsExactly(
                new RecordingListener.Call(0, "call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather", "{\"location\":\"Paris\"}"),
                new RecordingListener.Call(1, "call_Yx2Q", "get_time", "{\"tz\":\"CET\"}"));
        assertThat(l.stop()).contains(StopReason.TOOL_USE);
        JsonNode body = server.takeRequest(Duration.ofSeconds(1)).json();
        assertThat(body.path("tools").get(0).toString()).isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"description\":\"Weather for a place\",\"parameters\":{\"type\":\"object\",\"properties\":{\"location\":"
                + "{\"type\":\"string\"}},\"required\":[\"location\"]}}}");
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("stop").toString()).isEqualTo("[\"END\"]");
    }

    @Test
    void historyWithToolResultsIsEncodedForChatCompletions() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.sse(OpenAiFixtures.chatText()));
        ChatRequest request = new ChatRequest(ModelId.parse("openai/gpt-4o"), "", List.of(
                ChatMessage.user("Weather?"),
                new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Thinking("hmm", Optional.of("sig")),
                        new ContentPart.ToolCall("call_1", "get_weather", "{\"location\":\"Paris\"}"))),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.ToolResult("call_1", "18 C", false))),
                new ChatMessage(Role.USER, List.of(new ContentPart.Text("And this?"), new ContentPart.Image("image/png", "iVBORw0KGgo=")))),
                List.of(), GenerationParams.DEFAULT, CacheProfile.DEFAULT);
        stream(request);
        assertThat(server.takeRequest(Duration.ofSeconds(1)).json().path("messages").toString()).isEqualTo("["
                + "{\"role\":\"user\",\"content\":\"Weather?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"location\\\":\\\"Paris\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18 C\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"And this?\"},{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]}]");
    }

    @Test
    void refusalsEndWithRefusal() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.sse(OpenAiFixtures.chatRefusal()));
        RecordingListener l = stream(ask("openai/gpt-4o"));
        assertThat(l.text()).isEqualTo("I'm sorry, I can't help with that.");
        assertThat(l.stop()).contains(StopReason.REFUSAL);
    }

    // ---- Responses ------------------------------------------------------------------------

    @Test
    void apiKeyAndCodexModelStreamResponsesWithReasoning() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.sse(OpenAiFixtures.responsesReasoningAndText()));
        RecordingListener l = stream(ask("openai/gpt-5-codex"));

        assertThat(l.violations()).isEmpty();
        assertThat(l.thinking()).isEqualTo("**Planning**\n\nShort answer.");
        assertThat(l.signatures()).containsExactly("gAAAAABo-ENCRYPTED-REASONING==");
        assertThat(l.text()).isEqualTo("Hi \u00e9t\u00e9!");
        assertThat(l.usage()).contains(new StreamEvent.Usage(72, 52, 256, 0));
        assertThat(l.stop()).contains(StopReason.END_TURN);

        RecordedRequest r = server.takeRequest(Duration.ofSeconds(1));
        assertThat(r.path()).isEqualTo("/v1/responses");
        assertThat(r.header("authorization")).contains("Bearer " + KEY);
        assertThat(r.header("originator")).isEmpty();
        JsonNode body = r.json();
        assertThat(body.path("model").asText()).isEqualTo("gpt-5-codex");
        assertThat(body.path("instructions").asText()).isEqualTo("Be brief.");
        assertThat(body.path("store").asBoolean(true)).isFalse();
        assertThat(body.path("reasoning").path("summary").asText()).isEqualTo("auto");
        assertThat(body.path("include").toString()).isEqualTo("[\"reasoning.encrypted_content\"]");
        assertThat(body.path("input").toString()).isEqualTo(
                "[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Say hi\"}]}]");
    }

    @Test
    void responsesParallelToolCallsAndThinkingRoundTrip() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.sse(OpenAiFixtures.responsesParallelTools()));
        ChatRequest request = new ChatRequest(ModelId.parse("openai/gpt-5"), "", List.of(
                ChatMessage.user("Weather?"),
                new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Thinking("**Plan**", Optional.of("gAAAA-enc")),
                        new ContentPart.Text("Checking."), new ContentPart.ToolCall("call_0", "get_weather", "{}"))),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.ToolResult("call_0", "rain", false)))),
                List.of(new ToolDescriptor("get_weather", "Weather", "{\"type\":\"object\"}", CapabilityClass.OBSERVE)),
                GenerationParams.DEFAULT, CacheProfile.DEFAULT);
        RecordingListener l = stream(request);

        assertThat(l.violations()).isEmpty();
        assertThat(l.toolCalls()).containsExactly(
                new RecordingListener.Call(0, "call_A1", "get_weather", "{\"location\":\"Paris\"}"),
                new RecordingListener.Call(1, "call_B2", "get_time", "{\"tz\":\"CET\"}"));
        assertThat(l.stop()).contains(StopReason.TOOL_USE);
        JsonNode body = server.takeRequest(Duration.ofSeconds(1)).json();
        assertThat(body.path("input").toString()).isEqualTo("["
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Weather?\"}]},"
                + "{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"**Plan**\"}],\"encrypted_content\":\"gAAAA-enc\"},"
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Checking.\"}]},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_0\",\"name\":\"get_weather\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_0\",\"output\":\"rain\"}]");
        assertThat(body.path("tools").toString()).isEqualTo("[{\"type\":\"function\",\"name\":\"get_weather\","
                + "\"description\":\"Weather\",\"parameters\":{\"type\":\"object\"},\"strict\":false}]");
        assertThat(body.path("parallel_tool_calls").asBoolean()).isTrue();
    }

    @Test
    void stopSequencesAreRefusedForTheResponsesApiBeforeAnyIo() {
        provider(StubCredentials.apiKey(KEY));
        ChatRequest request = new ChatRequest(ModelId.parse("openai/gpt-5"), "", List.of(ChatMessage.user("x")), List.of(),
                new GenerationParams(OptionalInt.empty(), OptionalDouble.empty(), List.of("STOP")), CacheProfile.DEFAULT);
        RecordingListener l = stream(request);
        assertThat(l.error()).get().isInstanceOf(ModelError.BadRequest.class);
        assertThat(server.requests()).isEmpty();
    }

    // ---- OAuth / codex backend (codex-oauth AC4) ---------------------------------------------

    @Test
    void oauthAndCodexModelGoToTheChatgptBackendWithItsHeaderSet() {
        provider(StubCredentials.oauth(TOKEN, ACCOUNT));
        server.enqueue(Reply.sse(OpenAiFixtures.responsesReasoningAndText()));
        RecordingListener l = stream(ask("openai/gpt-5-codex"));
        assertThat(l.stop()).contains(StopReason.END_TURN);

        RecordedRequest r = server.takeRequest(Duration.ofSeconds(1));
        assertThat(r.path()).isEqualTo("/backend-api/codex/responses");
        assertThat(new TreeSet<>(r.headers().keySet())).containsExactly("accept", "authorization", "chatgpt-account-id",
                "content-length", "content-type", "host", "openai-beta", "originator", "user-agent");
        assertThat(r.header("authorization")).contains("Bearer " + TOKEN);
        assertThat(r.header("chatgpt-account-id")).contains(ACCOUNT);
        assertThat(r.header("originator")).contains("trellis");
        assertThat(r.header("openai-beta")).contains("responses=experimental");
        assertThat(r.header("content-type")).contains("application/json");
        assertThat(r.header("accept")).contains("text/event-stream");
        JsonNode body = r.json();
        assertThat(body.path("store").asBoolean(true)).isFalse();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.has("instructions")).isTrue();
        assertThat(body.has("max_output_tokens")).isFalse();
        assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                .contains("tier=oauth account_id_suffix=9c21").contains("/backend-api/codex/responses"));
    }

    @Test
    void oauthWithTheResponsesPrefixReachesTheBackendWithThePlainModelName() {
        provider(StubCredentials.oauth(TOKEN, ACCOUNT));
        server.enqueue(Reply.sse(OpenAiFixtures.responsesReasoningAndText()));
        stream(ask("openai/openai_resp::gpt-4o"));
        RecordedRequest r = server.takeRequest(Duration.ofSeconds(1));
        assertThat(r.path()).isEqualTo("/backend-api/codex/responses");
        assertThat(r.json().path("model").asText()).isEqualTo("gpt-4o");
        assertThat(r.json().has("reasoning")).isFalse(); // gpt-4o is not a reasoning model
    }

    @Test
    void oauthAndAChatCompletionsModelIsATierMismatchBeforeAnyNetworkCall() {
        StubCredentials creds = StubCredentials.oauth(TOKEN, ACCOUNT);
        provider(creds);
        assertThatThrownBy(() -> provider.stream(ask("openai/gpt-4o"), new RecordingListener()))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ModelError.TierMismatch.class);
                    assertThat(e.getMessage()).contains("openai/gpt-4o").contains("openai/gpt-5-codex")
                            .contains("openai/openai_resp::gpt-4o").contains("OPENAI_API_KEY");
                });
        assertThat(server.requests()).isEmpty();
        assertThat(creds.resolves()).isZero();
        // released just after the listener returned from its terminal call
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> provider.inFlight() == 0);
    }

    @Test
    void anOauthCredentialThatAppearsLateStillMismatchesBeforeTheNetwork() {
        StubCredentials creds = StubCredentials.apiKey(KEY) ;
        provider(creds);
        // status() said API key; resolve() answers with an OAuth login (a login finished in between)
        creds.set(StubCredentials.oauthTokens(TOKEN, ACCOUNT));
        creds.viewStatus(status -> dev.trellis.api.auth.AuthStatus.none(status.provider()));
        RecordingListener l = stream(ask("openai/gpt-4o"));
        assertThat(l.error()).get().isInstanceOf(ModelError.TierMismatch.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void baseUrlOverridesApplyToBothTiers() {
        provider(StubCredentials.apiKey(KEY), Map.of("chat.base.url", server.url("/proxy/chat/v1"),
                "responses.base.url", server.url("/proxy/resp/v1/"), "codex.base.url", server.url("/corp/codex")));
        server.enqueue(Reply.sse(OpenAiFixtures.chatText()));
        stream(ask("openai/gpt-4o"));
        server.enqueue(Reply.sse(OpenAiFixtures.responsesReasoningAndText()));
        stream(ask("openai/gpt-5-codex"));
        provider.resolver = StubCredentials.oauth(TOKEN, ACCOUNT);
        server.enqueue(Reply.sse(OpenAiFixtures.responsesReasoningAndText()));
        stream(ask("openai/gpt-5-codex"));
        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly(
                "/proxy/chat/v1/chat/completions", "/proxy/resp/v1/responses", "/corp/codex/responses");
    }

    @Test
    void aRefreshedTokenIsPickedUpByTheNextRequest() {
        StubCredentials creds = StubCredentials.oauth(TOKEN, ACCOUNT);
        provider(creds);
        server.enqueue(Reply.sse(OpenAiFixtures.responsesReasoningAndText()));
        stream(ask("openai/gpt-5"));
        String refreshed = TOKEN.replace("dGVzdA", "bmV3MQ");
        creds.set(StubCredentials.oauthTokens(refreshed, ACCOUNT));
        server.enqueue(Reply.sse(OpenAiFixtures.responsesReasoningAndText()));
        stream(ask("openai/gpt-5"));
        assertThat(server.requests()).extracting(r -> r.header("authorization").orElseThrow())
                .containsExactly("Bearer " + TOKEN, "Bearer " + refreshed);
    }

    // ---- credentials missing -----------------------------------------------------------------

    @Test
    void noResolverOrNoCredentialsIsUnauthorizedWithTheFix() {
        provider(null);
        RecordingListener l = stream(ask("openai/gpt-5-codex"));
        assertThat(l.error()).get().isInstanceOf(ModelError.Unauthorized.class);
        assertThat(l.exception().getMessage()).contains("no credential resolver")
                .contains("./trellis auth login --provider openai").contains("OPENAI_API_KEY");

        provider.resolver = StubCredentials.none();
        l = stream(ask("openai/gpt-4o"));
        assertThat(l.exception().getMessage()).contains("./trellis auth login --provider openai").contains("OPENAI_API_KEY");
        assertThat(server.requests()).isEmpty();
    }

    // ---- errors ------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "401|{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". You can find your API key at https://platform.openai.com.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}|Unauthorized",
        "403|{\"error\":{\"message\":\"Project does not have access to model\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}|Unauthorized",
        "400|{\"error\":{\"message\":\"Invalid 'messages[1].content': string too long.\",\"type\":\"invalid_request_error\",\"param\":\"messages[1].content\",\"code\":\"string_above_max_length\"}}|BadRequest",
        "404|{\"error\":{\"message\":\"The model `gpt-9` does not exist or you do not have access to it.\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}|BadRequest",
        "422|{\"error\":{\"message\":\"Unprocessable\"}}|BadRequest",
        "400|{\"error\":{\"message\":\"Invalid prompt: your prompt was flagged as potentially violating our usage policy.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_prompt\"}}|Refusal",
        "429|{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}|Http",
        "500|{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\"}}|Http",
        "503|{\"error\":{\"message\":\"The engine is currently overloaded, please try again later\",\"type\":\"server_error\"}}|Overloaded",
    })
    void httpErrorsBecomeTypedErrorsWithoutTheKey(int status, String body, String kind) {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.json(status, body));
        RecordingListener l = stream(ask("openai/gpt-4o"));
        assertThat(l.error()).get().extracting(e -> e.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(l.exception().getMessage()).doesNotContain(KEY).doesNotContain("TESTKEY");
        if (!kind.equals("Overloaded")) {
            String vendorMessage = body.replaceAll(".*\"message\":\"([^\"]{0,20}).*", "$1");
            assertThat(l.exception().getMessage()).contains(vendorMessage);
        }
        assertThat(server.requests()).hasSize(1); // one exchange, no retries here
        assertThat(log.lines()).noneMatch(line -> line.contains(KEY));
    }

    @Test
    void rateLimitsCarryTheServersHint() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM):"
                + " Limit 30000, Used 30000. Please try again in 1.5s.\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}")
                .header("retry-after", "2").header("x-ratelimit-reset-tokens", "1.5s"));
        assertThat(stream(ask("openai/gpt-4o")).error()).contains(new ModelError.RateLimited("openai", Duration.ofSeconds(2)));
        server.enqueue(Reply.json(429, "{\"error\":{\"message\":\"Please try again in 750ms.\",\"code\":\"rate_limit_exceeded\"}}"));
        assertThat(stream(ask("openai/gpt-4o")).error()).contains(new ModelError.RateLimited("openai", Duration.ofMillis(750)));
        server.enqueue(Reply.json(429, "{\"error\":{\"message\":\"Too many requests\",\"code\":\"rate_limit_exceeded\"}}"));
        ModelError e = stream(ask("openai/gpt-4o")).error().orElseThrow();
        assertThat(((ModelError.RateLimited) e).hinted()).isFalse();
    }

    @Test
    void streamErrorsInsideResponses() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.sse(OpenAiFixtures.responsesCreated() + Sse.events().event("response.failed",
                "{\"type\":\"response.failed\",\"sequence_number\":2,\"response\":{\"id\":\"resp_1\",\"status\":\"failed\","
                        + "\"error\":{\"code\":\"server_error\",\"message\":\"The model failed to generate a response.\"}}}").build()));
        assertThat(stream(ask("openai/gpt-5")).error()).contains(new ModelError.Http("openai", 500,
                "The model failed to generate a response."));
        server.enqueue(Reply.sse(Sse.events().event("error", "{\"type\":\"error\",\"sequence_number\":0,\"code\":"
                + "\"rate_limit_exceeded\",\"message\":\"Rate limit reached. Please try again in 20s.\",\"param\":null}").build()));
        assertThat(stream(ask("openai/gpt-5")).error()).contains(new ModelError.RateLimited("openai", Duration.ofSeconds(20)));
        server.enqueue(Reply.sse(OpenAiFixtures.responsesCreated() + Sse.events().event("response.incomplete",
                "{\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\",\"incomplete_details\":"
                        + "{\"reason\":\"max_output_tokens\"},\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}}").build()));
        RecordingListener l = stream(ask("openai/gpt-5"));
        assertThat(l.stop()).contains(StopReason.MAX_TOKENS);
        assertThat(l.usage()).contains(new StreamEvent.Usage(10, 5, 0, 0));
    }

    @Test
    void malformedAndTruncatedStreams() {
        provider(StubCredentials.apiKey(KEY));
        server.enqueue(Reply.sse(Sse.events().data("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}")
                .data("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"broken").build()));
        ModelError e = stream(ask("openai/gpt-4o")).error().orElseThrow();
        assertThat(e).isInstanceOf(ModelError.MalformedStream.class);
        assertThat(e.message()).contains("event #2").contains("bad JSON");

        server.enqueue(Reply.sse(Sse.events().data("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":null}]}").build()));
        RecordingListener l = stream(ask("openai/gpt-4o"));
        assertThat(l.text()).isEqualTo("ok");
        assertThat(l.error().orElseThrow().message()).contains("without data: [DONE] (truncated)");

        server.enqueue(Reply.sse(OpenAiFixtures.responsesCreated() + Sse.events().event("response.function_call_arguments.delta",
                "{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_x\",\"output_index\":0,\"delta\":\"{\"}").build()));
        assertThat(stream(ask("openai/gpt-5")).error().orElseThrow().message()).contains("fc_x").contains("never added");

        server.enqueue(Reply.sse(Sse.events().event("response.output_text.delta",
                "{\"type\":\"response.output_text.delta\",\"delta\":\"x\"}").build()));
        assertThat(stream(ask("openai/gpt-5")).error().orElseThrow().message()).contains("before response.created");

        server.enqueue(Reply.sse(OpenAiFixtures.responsesReasoningAndText().replace("event: response.completed", "event: x")
                .replace("\"type\":\"response.completed\"", "\"type\":\"x\"")));
        assertThat(stream(ask("openai/gpt-5")).error().orElseThrow().message()).contains("without response.completed");

        server.enqueue(Reply.sse(Sse.events().data("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                + "\"function\":{\"arguments\":\"{}\"}}]}}]}").build()));
        assertThat(stream(ask("openai/gpt-4o")).error().orElseThrow().message()).contains("'id' is missing");
    }

    // ---- cancel, drain, logs -----------------------------------------------------------------

    @Test
    void cancelMidStreamAbortsTheRequest() throws Exception {
        provider(StubCredentials.apiKey(KEY));
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch reached = new CountDownLatch(1);
        String marker = "data: {\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1741569952,\"model\":\"gpt-4o-2024-08-06\",\"service_tier\":\"default\",\"system_fingerprint\":"
                + "\"fp_f9f4fb6dbf\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"jour";
        Reply reply = Reply.sse(OpenAiFixtures.chatText()).reachedText(marker, reached).pauseBeforeText(marker, gate);
        server.enqueue(reply);
        RecordingListener l = new RecordingListener();
        var handle = provider.stream(ask("openai/gpt-4o"), l);
        assertThat(reached.await(5, TimeUnit.SECONDS)).isTrue();
        l.awaitFirstEvent();
        handle.cancel();
        l.await(Duration.ofSeconds(2));
        gate.countDown();
        assertThat(l.error()).contains(new ModelError.Cancelled());
        assertThat(l.text()).isEqualTo("Bon");
        assertThatThrownBy(() -> handle.completion().toCompletableFuture().get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        assertThat(reply.awaitFinished(5000)).isTrue();
        // released just after the listener returned from its terminal call
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> provider.inFlight() == 0);
    }

    @Test
    void deactivationLetsARunningStreamFinish() throws Exception {
        provider(StubCredentials.apiKey(KEY));
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch reached = new CountDownLatch(1);
        server.enqueue(Reply.sse(OpenAiFixtures.chatText()).reachedText("data: [DONE]", reached)
                .pauseBeforeText("data: [DONE]", gate));
        RecordingListener l = new RecordingListener();
        provider.stream(ask("openai/gpt-4o"), l);
        assertThat(reached.await(5, TimeUnit.SECONDS)).isTrue();
        OpenAiProvider stopping = provider;
        provider = null;
        CompletableFuture<Void> deactivated = CompletableFuture.runAsync(stopping::deactivate);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> stopping.stream(ask("openai/gpt-4o"), new RecordingListener()))
                        .isInstanceOf(ModelException.class).hasMessageContaining("no model provider 'openai'"));
        assertThat(deactivated).isNotDone();
        assertThat(l.isDone()).isFalse();
        gate.countDown();
        deactivated.get(5, TimeUnit.SECONDS);
        assertThat(l.await().stop()).contains(StopReason.END_TURN);
        assertThat(l.text()).isEqualTo("Bonjour \u2713 \uD83C\uDF89");
    }

    @Test
    void deactivationWaitsForARequestStillLookingUpItsTier() throws Exception {
        // stream() asks the resolver for the tier before any I/O (TierMismatch); a deactivation that starts right then
        // must wait for that request and let it finish, not close under it (the gateway's hot swap relies on it)
        StubCredentials key = StubCredentials.apiKey(KEY);
        CountDownLatch inStatus = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        provider(key.viewStatus(status -> {
            if (inStatus.getCount() > 0) {
                inStatus.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return status;
        }));
        server.enqueue(Reply.sse(OpenAiFixtures.chatText()));
        RecordingListener l = new RecordingListener();
        OpenAiProvider stopping = provider;
        provider = null;
        // own threads: the common pool has a single thread on 2 cores, and the caller and deactivate must run at once
        var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> stopping.stream(ask("openai/gpt-4o"), l), threads);
        assertThat(inStatus.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> deactivated = CompletableFuture.runAsync(stopping::deactivate, threads);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> stopping.stream(ask("openai/gpt-4o"), new RecordingListener()))
                        .isInstanceOf(ModelException.class).hasMessageContaining("no model provider 'openai'"));
        release.countDown();
        caller.get(5, TimeUnit.SECONDS);
        assertThat(l.await().stop()).as("the request that entered stream() before deactivation is served")
                .contains(StopReason.END_TURN);
        assertThat(l.text()).isEqualTo("Bonjour \u2713 \uD83C\uDF89");
        deactivated.get(5, TimeUnit.SECONDS);
        assertThat(stopping.inFlight()).isZero();
        threads.shutdown();
    }

    @Test
    void modelsAreTheConfiguredList() {
        provider(StubCredentials.apiKey(KEY), Map.of("models", "gpt-5-codex,gpt-4o"));
        assertThat(provider.id()).isEqualTo("openai");
        assertThat(provider.models()).extracting(m -> m.id().toString() + ":" + m.supportsThinking())
                .containsExactly("openai/gpt-5-codex:true", "openai/gpt-4o:false");
    }

    @Test
    void badConfigurationFailsActivationNamingTheProperty() {
        assertThatThrownBy(() -> new OpenAiProvider(Configs.of(OpenAiConfig.class, Map.of("codex.base.url", "chatgpt.com")),
                log, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev.trellis.provider.openai: codex.base.url 'chatgpt.com'");
    }

    @Test
    void anotherProvidersModelIsABadRequest() {
        provider(StubCredentials.apiKey(KEY));
        assertThatThrownBy(() -> provider.stream(ask("anthropic/claude-sonnet-4-5"), new RecordingListener()))
                .isInstanceOf(ModelException.class).hasMessageContaining("is not an openai model");
    }
}
