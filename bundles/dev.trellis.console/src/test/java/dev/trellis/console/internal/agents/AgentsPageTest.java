package dev.trellis.console.internal.agents;

import static dev.trellis.console.testing.Fakes.fake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.AgentState;
import dev.trellis.api.agent.AgentStatus;
import dev.trellis.api.agent.ConversationMessage;
import dev.trellis.api.agent.QueuedInput;
import dev.trellis.api.agent.Submission;
import dev.trellis.api.agent.TurnRecord;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.Role;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.tool.CapabilityClass;
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
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The agents page with fake servlet objects and a fake runtime: CSRF, send as the console user, HTML, JSON. */
class AgentsPageTest {

    static final AgentId ADA = AgentId.of("ada");
    static final Instant T = Instant.parse("2026-03-04T05:06:07Z");
    static final AgentDefinition DEF = new AgentDefinition(ADA, "ada", ModelId.parse("scripted/echo"), "Be <kind> & brief.",
            List.of(), Set.of("*"), Set.of(CapabilityClass.OBSERVE), IsolationPolicy.NONE, Optional.of("garden"), Set.of("crew"));

    final Map<String, Object> session = new HashMap<>();
    final List<String> responses = new ArrayList<>();
    final StringWriter body = new StringWriter();
    final List<Object[]> submitted = new ArrayList<>();

    final AgentRuntime runtime = fake(AgentRuntime.class, Map.of(
            "agents", a -> List.of(DEF),
            "status", a -> Optional.of(new AgentStatus(ADA, AgentState.IDLE, 1, Optional.of(T), Optional.empty())),
            "submit", a -> {
                submitted.add(a);
                return new Submission("t-1", false, 2);
            },
            "cancel", a -> true,
            "conversation", a -> List.of(
                    new ConversationMessage(1, "t-0", Role.USER, Optional.of(new Author.Human("admin")),
                            List.of(new ContentPart.Text("<system-reminder>...</system-reminder>"), new ContentPart.Text("hi <b>")),
                            "hi <b>", T, false),
                    new ConversationMessage(2, "t-0", Role.ASSISTANT, Optional.empty(),
                            List.of(new ContentPart.Text("hello"), new ContentPart.ToolCall("c1", "memory_get", "{\"a\":1}")),
                            "hello", T, false)),
            "turns", a -> List.of(new TurnRecord("t-0", ADA, new Author.Human("admin"), "hi <b>", T, Optional.of(T.plusMillis(250)),
                    Optional.of(StopReason.END_TURN), Optional.empty(), 2, new StreamEvent.Usage(100, 20, 300, 10))),
            "queued", a -> List.of(new QueuedInput("t-1", new Author.Plugin(PluginId.of("dev.trellis.example.notifier")),
                    "ping", T))));

    HttpServletRequest request(String uri, Map<String, String> params) {
        HttpSession s = fake(HttpSession.class, Map.of(
                "getAttribute", a -> session.get((String) a[0]),
                "setAttribute", a -> session.put((String) a[0], a[1])));
        return fake(HttpServletRequest.class, Map.of(
                "getSession", a -> s,
                "getParameter", a -> params.get((String) a[0]),
                "getRequestURI", a -> uri,
                "getAttribute", a -> "org.osgi.service.http.authentication.remote.user".equals(a[0]) ? "admin" : null,
                "getRemoteUser", a -> null));
    }

    HttpServletResponse response() {
        Map<String, Function<Object[], Object>> answers = new HashMap<>();
        answers.put("setStatus", a -> responses.add("status " + a[0]));
        answers.put("setHeader", a -> responses.add(a[0] + ": " + a[1]));
        answers.put("setContentType", a -> responses.add("type " + a[0]));
        answers.put("setCharacterEncoding", a -> null);
        answers.put("sendError", a -> responses.add("error " + a[0] + " " + a[1]));
        answers.put("sendRedirect", a -> responses.add("redirect " + a[0]));
        answers.put("getWriter", a -> new PrintWriter(body, true));
        return fake(HttpServletResponse.class, answers);
    }

    @Test
    void aPostWithoutTheSessionsTokenIsRefusedAndSendsNothing() throws Exception {
        new AgentsPage(runtime).doGet(request("/system/console/trellis-agents", Map.of()), response());
        new AgentsPage(runtime).doPost(request("/system/console/trellis-agents.json",
                Map.of("action", "send", "agent", "ada", "text", "hi", "csrf", "forged")), response());
        assertThat(responses).anyMatch(r -> r.startsWith("error 403 Missing or wrong CSRF token"));
        assertThat(submitted).isEmpty();
    }

    @Test
    void theChatBoxSubmitsAsTheConsoleUser() throws Exception {
        AgentsPage page = new AgentsPage(runtime);
        page.doGet(request("/system/console/trellis-agents", Map.of()), response());
        String token = (String) session.values().stream().filter(String.class::isInstance).findFirst().orElseThrow();
        page.doPost(request("/system/console/trellis-agents.json", Map.of("action", "send", "agent", "ada", "text", "water the beans",
                "csrf", token)), response());
        assertThat(submitted).singleElement().satisfies(a -> {
            assertThat(a[0]).isEqualTo(ADA);
            assertThat(a[1]).isEqualTo(new Author.Human("admin"));
            assertThat(a[2]).isEqualTo("water the beans");
        });
        assertThat(body.toString()).endsWith("{\"ok\":true,\"message\":\"Queued as turn t-1 (2 ahead).\"}");
    }

    @Test
    void theAgentViewShowsDefinitionTranscriptTurnLogAndQueueEscaped() throws Exception {
        new AgentsPage(runtime).doGet(request("/system/console/trellis-agents", Map.of("agent", "ada")), response());
        String html = body.toString();
        assertThat(html).contains("<tr class=\"system-prompt\"><th>System prompt</th><td>Be &lt;kind&gt; &amp; brief.</td></tr>");
        assertThat(html).contains("<b class=\"who\">human admin:</b> <span class=\"text\">hi &lt;b&gt;</span>");
        assertThat(html).doesNotContain("system-reminder");
        assertThat(html).contains("<div class=\"tool-call\">&rarr; memory_get {&#34;a&#34;:1}</div>");
        assertThat(html).contains("<td class=\"outcome\">end_turn</td><td class=\"calls\">2</td><td class=\"in\">100</td>"
                + "<td class=\"out\">20</td><td class=\"cache-read\">300</td><td class=\"cache-write\">10</td>"
                + "<td class=\"hit\">75 %</td><td class=\"duration\">250 ms</td>");
        assertThat(html).contains("<td class=\"author\">plugin dev.trellis.example.notifier</td><td class=\"body\">ping</td>");
        assertThat(html).contains("data-csrf=\"");
        assertThat(html).doesNotContain("${");
    }

    @Test
    void theOverviewListsAgents() throws Exception {
        new AgentsPage(runtime).doGet(request("/system/console/trellis-agents", Map.of()), response());
        assertThat(body.toString()).contains("<tr data-agent=\"ada\"><td class=\"agent\"><a href=\"trellis-agents?agent=ada\">ada</a>"
                + "</td><td class=\"model\">scripted/echo</td><td class=\"state\">IDLE</td><td class=\"queued\">1</td>");
    }

    @Test
    void statusJsonAndEventJson() throws Exception {
        new AgentsPage(runtime).doGet(request("/system/console/trellis-agents.json", Map.of("agent", "ada")), response());
        assertThat(body.toString()).startsWith("{\"agent\":\"ada\",\"state\":\"IDLE\",\"queued\":1,\"problem\":null,\"turns\":[{\"turnId\":\"t-0\"")
                .contains("\"outcome\":\"end_turn\",\"failed\":false,\"modelCalls\":2,\"usage\":{\"input\":100,\"output\":20,"
                        + "\"cacheRead\":300,\"cacheCreation\":10}}]")
                .endsWith("\"queue\":[{\"turnId\":\"t-1\",\"author\":\"plugin dev.trellis.example.notifier\",\"body\":\"ping\","
                        + "\"queuedAt\":\"2026-03-04T05:06:07Z\"}]}");
        assertThat(AgentsJson.event(new AgentEvent.ToolResult(ADA, "t", "c1", "a \"b\"\n", true), Optional.empty()))
                .isEqualTo("{\"turnId\":\"t\",\"callId\":\"c1\",\"content\":\"a \\\"b\\\"\\n\",\"error\":true}");
        assertThat(AgentsJson.name(new AgentEvent.TurnFailed(ADA, "t", "x"))).isEqualTo("turn-failed");
    }

    @Test
    void withoutTheRuntimeThePageSaysSo() throws Exception {
        new AgentsPage(null).doGet(request("/system/console/trellis-agents", Map.of()), response());
        assertThat(body.toString()).contains("The agent runtime is not available");
    }
}
