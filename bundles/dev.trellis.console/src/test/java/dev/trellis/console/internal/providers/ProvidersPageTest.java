package dev.trellis.console.internal.providers;

import static dev.trellis.console.testing.Fakes.fake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.gateway.GatewaySnapshot;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.ProviderDetails;
import dev.trellis.api.gateway.ProviderInstance;
import dev.trellis.api.gateway.ProviderStatus;
import dev.trellis.api.gateway.RateLimitState;
import dev.trellis.api.gateway.RecentError;
import dev.trellis.api.gateway.SwapEvent;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import dev.trellis.console.internal.html.CsrfGuard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The providers page with fake servlet objects and a fake gateway. */
class ProvidersPageTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    final Map<String, Object> session = new HashMap<>();
    final List<String> response = new ArrayList<>();
    final StringWriter body = new StringWriter();
    final List<ChatRequest> asked = new ArrayList<>();
    final List<String> cancels = new ArrayList<>();
    BiConsumer<ChatRequest, StreamListener> play = (r, l) -> {
        l.onEvent(new StreamEvent.TextDelta("hel"));
        l.onEvent(new StreamEvent.TextDelta("lo <b>$"));
        l.onEvent(new StreamEvent.ToolCallStart(0, "c1", "memory_append"));
        l.onEvent(new StreamEvent.ToolCallDelta(0, "{\"a\""));
        l.onEvent(new StreamEvent.ToolCallDelta(0, ":1}"));
        l.onEvent(new StreamEvent.ToolCallEnd(0));
        l.onEvent(new StreamEvent.Usage(3, 2, 0, 0));
        l.onEvent(new StreamEvent.Stop(StopReason.END_TURN));
    };

    final ModelGateway gateway = new ModelGateway() {
        @Override
        public StreamHandle stream(ChatRequest request, StreamListener listener) {
            asked.add(request);
            play.accept(request, listener);
            return new StreamHandle() {
                @Override
                public void cancel() {
                    cancels.add("cancel");
                }

                @Override
                public CompletionStage<StopReason> completion() {
                    return new CompletableFuture<>();
                }
            };
        }

        @Override
        public List<ModelInfo> models() {
            return snapshot().providers().getFirst().models();
        }

        @Override
        public List<ProviderStatus> status() {
            return List.of(snapshot().providers().getFirst().status());
        }

        @Override
        public GatewaySnapshot snapshot() {
            ProviderStatus st = new ProviderStatus("scripted", ProviderStatus.State.AVAILABLE, 2, 10, 1, Optional.empty(),
                    Optional.of("scripted rejected the request: <script>"));
            ProviderInstance i = new ProviderInstance(42, 7, "dev.trellis.provider.scripted", "0.1.3", 0,
                    ProviderInstance.Role.SERVING, 2, 9, AT);
            ModelInfo echo = new ModelInfo(ModelId.parse("scripted/echo"), "Echo", OptionalInt.empty(), true, false);
            RecentError e = new RecentError(AT, ModelId.parse("scripted/flaky"), "RateLimited", "scripted rate limit", 1, true);
            SwapEvent sw = new SwapEvent(AT, "scripted", SwapEvent.Kind.DRAINED, 41, 7, "0.1.2", 0, "last stream ended 12 ms after removal");
            return new GatewaySnapshot(AT, ModelGateway.FALLBACK_MODEL,
                    List.of(new ProviderDetails(st, List.of(i), List.of(echo), new RateLimitState(60, 5000, 58, 4990,
                            Optional.empty()), List.of(e))), List.of(sw));
        }
    };

    HttpServletRequest request(String uri, Map<String, String> params, Map<String, String> headers) {
        HttpSession s = fake(HttpSession.class, Map.of(
                "getAttribute", a -> session.get((String) a[0]),
                "setAttribute", a -> session.put((String) a[0], a[1]),
                "removeAttribute", a -> session.remove((String) a[0])));
        return fake(HttpServletRequest.class, Map.of(
                "getSession", a -> s,
                "getRequestURI", a -> uri,
                "getParameter", a -> params.get((String) a[0]),
                "getHeader", a -> headers.get((String) a[0])));
    }

    HttpServletResponse response() {
        Map<String, Function<Object[], Object>> answers = new HashMap<>();
        answers.put("setStatus", a -> response.add("status " + a[0]));
        answers.put("setHeader", a -> response.add(a[0] + ": " + a[1]));
        answers.put("setContentType", a -> response.add("type " + a[0]));
        answers.put("setCharacterEncoding", a -> null);
        answers.put("sendError", a -> response.add("error " + a[0] + " " + a[1]));
        PrintWriter w = new PrintWriter(body);
        answers.put("getWriter", a -> w);
        return fake(HttpServletResponse.class, answers);
    }

    Map<String, String> form(String model, String prompt) {
        session.put(CsrfGuard.ATTRIBUTE, "tok");
        return new HashMap<>(Map.of("action", "try", "model", model, "prompt", prompt, "csrf", "tok"));
    }

    @Test
    void thePageListsProvidersServicesModelsErrorsAndSwapsEscaped() throws Exception {
        new ProvidersPage(gateway).doGet(request("/system/console/trellis-providers", Map.of(), Map.of()), response());
        String html = body.toString();
        assertThat(html).contains("<tr data-provider=\"scripted\"><td class=\"provider\">scripted</td><td class=\"state\">available</td>"
                + "<td class=\"inflight\">2</td><td class=\"requests\">10</td><td class=\"failures\">1</td>"
                + "<td class=\"ratelimit\">58 of 60 per minute left, 4990 of 5000 per day left</td>"
                + "<td class=\"lasterror\">scripted rejected the request: &lt;script&gt;</td></tr>");
        assertThat(html).contains("data-service-id=\"42\" data-role=\"serving\"")
                .contains("<td class=\"version\">0.1.3</td>")
                .contains("<tr data-model=\"scripted/echo\">")
                .contains("<tr data-kind=\"RateLimited\">")
                .contains("<td class=\"detail\">last stream ended 12 ms after removal</td>")
                .contains("<code id=\"providers-default\">scripted/echo</code>")
                .contains("name=\"csrf\" value=\"" + session.get(CsrfGuard.ATTRIBUTE) + "\"")
                .contains("<option value=\"scripted/echo\" selected>scripted/echo</option>")
                .contains("<div id=\"providers-live\">")
                .contains("setInterval(refresh, 2000)");
        assertThat(ProvidersHtml.script()).doesNotContain("${");
    }

    @Test
    void theJsonHasTheSnapshotAndTheLiveHtml() throws Exception {
        new ProvidersPage(gateway).doGet(request("/system/console/trellis-providers.json", Map.of(), Map.of()), response());
        String json = body.toString();
        assertThat(response).contains("type application/json");
        assertThat(json).startsWith("{\"available\":true,\"takenAt\":\"2026-01-02T03:04:05Z\",\"defaultModel\":\"scripted/echo\"")
                .contains("\"instances\":[{\"serviceId\":42,\"bundleId\":7,\"bundle\":\"dev.trellis.provider.scripted\","
                        + "\"version\":\"0.1.3\",\"ranking\":0,\"role\":\"serving\",\"inFlight\":2,\"served\":9,")
                .contains("\"models\":[{\"id\":\"scripted/echo\",\"name\":\"Echo\",\"tools\":true,\"thinking\":false,\"contextWindow\":null}]")
                .contains("\"swaps\":[{\"at\":\"2026-01-02T03:04:05Z\",\"provider\":\"scripted\",\"kind\":\"drained\"")
                .contains("\"html\":\"\\u003cp class=\\\"statline\\\"");
    }

    @Test
    void withoutTheGatewayThePageSaysSo() throws Exception {
        new ProvidersPage(null).doGet(request("/system/console/trellis-providers", Map.of(), Map.of()), response());
        assertThat(body.toString()).contains("id=\"providers-unavailable\"");
    }

    @Test
    void aPostWithoutTheTokenIsForbiddenAndSendsNothing() throws Exception {
        Map<String, String> f = form("scripted/echo", "hi");
        f.remove("csrf");
        new ProvidersPage(gateway).doPost(request("/system/console/trellis-providers", f, Map.of()), response());
        f.put("csrf", "other");
        new ProvidersPage(gateway).doPost(request("/system/console/trellis-providers", f, Map.of()), response());
        assertThat(response).filteredOn(r -> r.startsWith("error")).hasSize(2)
                .allMatch(r -> r.startsWith("error 403 Missing or wrong CSRF token"));
        assertThat(asked).isEmpty();
    }

    @Test
    void tryItStreamsJsonLinesWhenTheScriptAsks() throws Exception {
        new ProvidersPage(gateway).doPost(request("/system/console/trellis-providers", form("scripted/echo", "say\r\nhi"),
                Map.of(ProvidersPage.STREAM_HEADER, "1")), response());
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.model()).isEqualTo(ModelGateway.FALLBACK_MODEL);
            assertThat(r.messages().getFirst().parts().toString()).contains("say\nhi");
        });
        assertThat(response).contains("type application/x-ndjson");
        assertThat(body.toString().lines().toList()).containsExactly(
                "{\"type\":\"text\",\"text\":\"hel\"}",
                "{\"type\":\"text\",\"text\":\"lo \\u003cb\\u003e$\"}",
                "{\"type\":\"tool\",\"name\":\"memory_append\",\"arguments\":\"{\\\"a\\\":1}\"}",
                "{\"type\":\"usage\",\"input\":3,\"output\":2}",
                "{\"type\":\"stop\",\"reason\":\"end_turn\"}");
        assertThat(cancels).as("the handle is let go when the answer is written").hasSize(1);
    }

    @Test
    void tryItWithoutScriptRedirectsAndShowsTheAnswerOnce() throws Exception {
        play = (r, l) -> l.onError(new ModelException(new ModelError.Overloaded("scripted")));
        new ProvidersPage(gateway).doPost(request("/system/console/trellis-providers", form("scripted/echo", "hi"), Map.of()),
                response());
        assertThat(response).contains("status 303", "Location: trellis-providers");
        new ProvidersPage(gateway).doGet(request("/system/console/trellis-providers", Map.of(), Map.of()), response());
        assertThat(body.toString()).contains("<div id=\"provider-try-answer\" class=\"ui-widget-content ui-state-error\""
                + " data-error=\"true\" style=\"padding: 0.5em\"><b>scripted/echo</b>:  <i>(scripted is overloaded)</i></div>");
        assertThat(session).doesNotContainKey(ProvidersPage.ANSWER);
    }

    @Test
    void badFormsAreRefusedWithTheReason() throws Exception {
        assertThat(ProvidersPage.check("", "hi")).isEqualTo("choose a model");
        assertThat(ProvidersPage.check("echo", "hi")).isEqualTo("model id 'echo' must be 'provider/model'");
        assertThat(ProvidersPage.check("scripted/echo", " ")).isEqualTo("write a prompt first");
        assertThat(ProvidersPage.check("scripted/echo", "x".repeat(20_001))).startsWith("the prompt has 20001 characters");
        new ProvidersPage(gateway).doPost(request("/system/console/trellis-providers", form("nope", "hi"),
                Map.of(ProvidersPage.STREAM_HEADER, "1")), response());
        assertThat(response).contains("error 400 model id 'nope' must be 'provider/model'");
        assertThat(asked).isEmpty();
    }
}
