package dev.trellis.provider.scripted.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.model.CacheProfile;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.GenerationParams;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.Role;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamEvent.Stop;
import dev.trellis.api.model.StreamEvent.TextDelta;
import dev.trellis.api.model.StreamEvent.ToolCallDelta;
import dev.trellis.api.model.StreamEvent.ToolCallEnd;
import dev.trellis.api.model.StreamEvent.ToolCallStart;
import dev.trellis.api.model.StreamEvent.Usage;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.ToolDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptedProviderTest {

    private static final String AGENT_SCRIPT = """
            models:
              notes:
                turns:
                  - when: { index: 0, user: "remember (.+)" }
                    reply:
                      - say: Noting it.
                      - call: memory_append
                        args: { label: notes, content: "${1}" }
                  - when: { tool: ".*" }
                    reply: [done]
              flaky:
                - times: 2
                  reply: [{ error: rate_limited, retry_after: 3s }]
                - [recovered]
              slow:
                delay: 20ms
                turns: [[one two three]]
              whoami: [["${model} on ${instance}"]]
            """;

    @TempDir
    Path dir;

    private final LoggedProblems problems = new LoggedProblems();
    private ScriptedProvider provider;

    @AfterEach
    void stop() throws InterruptedException {
        if (provider != null) {
            provider.deactivate();
        }
    }

    @Test
    void echoStreamsTheLastUserMessageWordByWordThenUsageAndEndTurn() throws Exception {
        provider = new ScriptedProvider(Configs.defaults(), "test#1", problems, null);
        Recording r = new Recording();
        StreamHandle h = provider.stream(ChatRequest.of(model("echo"), "be brief", "hello there, world"), r);

        r.awaitEnd();
        assertThat(r.errors).isEmpty();
        assertThat(r.events).containsExactly(new TextDelta("hello "), new TextDelta("there, "), new TextDelta("world"),
                new Usage(7, 5, 0, 0), new Stop(StopReason.END_TURN)); // (8 + 18 chars) / 4, 18 / 4, rounded up
        assertThat(h.completion().toCompletableFuture().get(1, TimeUnit.SECONDS)).isEqualTo(StopReason.END_TURN);
        assertThat(r.threads).allMatch(t -> t.equals("trellis-scripted-echo"));
    }

    @Test
    void echoUsesTheLastUserMessageOfAConversation() throws Exception {
        provider = new ScriptedProvider(Configs.defaults(), "test#1", problems, null);
        ChatRequest req = request("echo", List.of(ChatMessage.user("first"), ChatMessage.assistant("ok"),
                ChatMessage.user("second one")), List.of());
        Recording r = new Recording();
        provider.stream(req, r);
        assertThat(r.awaitEnd().text()).isEqualTo("second one");
    }

    @Test
    void aScriptedAgentConversationCallsTheToolThenAnswersDone() throws Exception {
        provider = withScript(AGENT_SCRIPT);

        Recording first = new Recording();
        provider.stream(ChatRequest.of(model("notes"), "", "please remember milk \"2%\""), first);
        first.awaitEnd();
        String args = "{\"label\":\"notes\",\"content\":\"milk \\\"2%\\\"\"}";
        assertThat(first.events).containsExactly(new TextDelta("Noting "), new TextDelta("it."),
                new ToolCallStart(0, "call_0_0", "memory_append"),
                new ToolCallDelta(0, args.substring(0, args.length() / 2)),
                new ToolCallDelta(0, args.substring(args.length() / 2)),
                new ToolCallEnd(0), new Usage(7, 16, 0, 0), new Stop(StopReason.TOOL_USE)); // output: 10 + 13 + 41 chars

        ChatRequest second = request("notes", List.of(ChatMessage.user("please remember milk"),
                new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.ToolCall("call_0_0", "memory_append", args))),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.ToolResult("call_0_0", "appended", false)))), List.of());
        Recording done = new Recording();
        provider.stream(second, done);
        assertThat(done.awaitEnd().text()).isEqualTo("done");
        assertThat(done.events.getLast()).isEqualTo(new Stop(StopReason.END_TURN));
    }

    @Test
    void aTurnWithTimesIsUsedThatOftenThenTheNextOne() throws Exception {
        provider = withScript(AGENT_SCRIPT);
        for (int i = 0; i < 2; i++) {
            Recording r = new Recording();
            provider.stream(ChatRequest.of(model("flaky"), "", "x"), r);
            r.awaitEnd();
            assertThat(r.events).isEmpty();
            assertThat(r.errors).singleElement().extracting(ModelException::error)
                    .isEqualTo(new ModelError.RateLimited("scripted", Duration.ofSeconds(3)));
        }
        Recording r = new Recording();
        provider.stream(ChatRequest.of(model("flaky"), "", "x"), r);
        assertThat(r.awaitEnd().text()).isEqualTo("recovered");
    }

    @Test
    void placeholdersNameTheModelAndTheInstance() throws Exception {
        provider = withScript(AGENT_SCRIPT);
        Recording r = new Recording();
        provider.stream(ChatRequest.of(model("whoami"), "", "x"), r);
        assertThat(r.awaitEnd().text()).isEqualTo("scripted/whoami on test#1");
    }

    @Test
    void unknownModelsAndUnmatchedRequestsAreBadRequestsBeforeAnyEvent() throws Exception {
        provider = withScript(AGENT_SCRIPT);
        assertThatThrownBy(() -> provider.stream(ChatRequest.of(model("nope"), "", "x"), new Recording()))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.error()).isEqualTo(new ModelError.BadRequest(
                        "scripted", "scripted has no model 'nope' (models: echo, notes, flaky, slow, whoami)")));
        assertThatThrownBy(() -> provider.stream(ChatRequest.of(model("notes"), "", "hello"), new Recording()))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "scripted rejected the request: scripted/notes has no turn for this request (turn index 0,"
                                + " last message: user 'hello'); add a turn without 'when' as a fallback"));
    }

    @Test
    void modelsListsEchoAndTheScriptedModels() throws Exception {
        provider = withScript(AGENT_SCRIPT);
        assertThat(provider.models()).extracting(ModelInfo::id).extracting(ModelId::toString)
                .containsExactly("scripted/echo", "scripted/notes", "scripted/flaky", "scripted/slow", "scripted/whoami");
    }

    @Test
    void cancelWakesAPauseAndEndsWithCancelled() throws Exception {
        provider = withScript(AGENT_SCRIPT);
        Recording r = new Recording();
        StreamHandle h = provider.stream(ChatRequest.of(model("slow"), "", "x"), r);
        r.awaitFirstEvent(Duration.ofSeconds(5));
        h.cancel();
        h.cancel();
        r.awaitEnd();
        assertThat(r.errors).singleElement().extracting(ModelException::error).isEqualTo(new ModelError.Cancelled());
        assertThat(r.events).doesNotHaveAnyElementsOfTypes(Stop.class);
        assertThatThrownBy(() -> h.completion().toCompletableFuture().get(1, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ModelException.class);
    }

    @Test
    void aListenerThatThrowsEndsTheStreamWithoutFurtherCalls() throws Exception {
        provider = new ScriptedProvider(Configs.defaults(), "test#1", problems, null);
        CompletableFuture<Void> calls = new CompletableFuture<>();
        List<StreamEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        StreamHandle h = provider.stream(ChatRequest.of(model("echo"), "", "a b c"), new StreamListener() {
            @Override
            public void onEvent(StreamEvent event) {
                seen.add(event);
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onError(dev.trellis.api.model.ModelException error) {
                calls.completeExceptionally(new AssertionError("onError after a throwing onEvent"));
            }
        });
        assertThatThrownBy(() -> h.completion().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ModelException.class);
        assertThat(seen).hasSize(1);
        assertThat(calls).isNotDone();
    }

    @Test
    void deactivationWaitsForRunningStreamsAndRefusesNewOnes() throws Exception {
        provider = withScript(AGENT_SCRIPT);
        Recording running = new Recording();
        provider.stream(ChatRequest.of(model("slow"), "", "x"), running);
        running.awaitFirstEvent(Duration.ofSeconds(5));
        assertThat(provider.inFlight()).isEqualTo(1);

        provider.deactivate();

        assertThat(running.ended()).as("deactivate returned only after the stream ended").isTrue();
        assertThat(running.errors).isEmpty();
        assertThat(running.text()).isEqualTo("one two three");
        assertThatThrownBy(() -> provider.stream(ChatRequest.of(model("echo"), "", "late"), new Recording()))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.error()).isEqualTo(new ModelError.ProviderUnavailable("scripted")));
        provider = null;
    }

    @Test
    void streamsStillRunningAfterTheDrainBoundEndWithProviderUnavailable() throws Exception {
        Path script = dir.resolve("long.yaml");
        Files.writeString(script, "models:\n  long: [[{delay: 10s}, late]]\n");
        provider = new ScriptedProvider(Configs.scripted(List.of(script.toString()), 0, 0, 50), "test#1", problems, null);
        Recording r = new Recording();
        provider.stream(ChatRequest.of(model("long"), "", "x"), r);
        provider.deactivate();
        provider = null;
        r.awaitEnd();
        assertThat(r.errors).singleElement().extracting(ModelException::error)
                .isEqualTo(new ModelError.ProviderUnavailable("scripted"));
        assertThat(problems.warnings).anyMatch(w -> w.contains("1 stream(s) still running after 50 ms"));
    }

    @Test
    void aChangedScriptFileIsReadAgainAndABrokenOneKeepsTheModelsItHad() throws Exception {
        Path script = dir.resolve("live.yaml");
        Files.writeString(script, "models:\n  live: [[v1]]\n  other: [[fine]]\n");
        provider = new ScriptedProvider(Configs.scripted(List.of(script.toString()), 0, 0, 2000), "test#1", problems, null);
        assertThat(say("live")).isEqualTo("v1");

        write(script, "models:\n  live: [[v2]]\n  other: [[fine]]\n", 1);
        provider.rescan();
        assertThat(say("live")).isEqualTo("v2");

        write(script, "models:\n  live: [[{error: nonsense}]]\n  other: [[better]]\n", 2);
        provider.rescan();
        assertThat(say("live")).as("broken model keeps its previous version").isEqualTo("v2");
        assertThat(say("other")).as("the file's other models are updated").isEqualTo("better");
        assertThat(problems.warnings).anyMatch(w -> w.startsWith("scripted: " + script + " line 2, field 'models.live[0][0].error':"
                + " unknown error kind 'nonsense'"));

        write(script, "models: [oops\n", 3);
        provider.rescan();
        assertThat(say("other")).isEqualTo("better");
        assertThat(problems.warnings).anyMatch(w -> w.startsWith("scripted: " + script + " line 2 column 1: not valid YAML/JSON")
                && w.contains("keeping the 2 model(s)"));
        assertThat(say("echo")).isEqualTo("hi");
    }

    @Test
    void aMissingScriptFileIsReportedAndReadWhenItAppears() throws Exception {
        Path script = dir.resolve("later.yaml");
        provider = new ScriptedProvider(Configs.scripted(List.of(script.toString()), 0, 0, 2000), "test#1", problems, null);
        assertThat(problems.warnings).singleElement().asString().contains("later.yaml does not exist");
        Files.writeString(script, "models:\n  later: [[here]]\n");
        provider.rescan();
        assertThat(say("later")).isEqualTo("here");
    }

    @Test
    void factoryDefinitionsComeAndGoAndABrokenOneKeepsItsPreviousModel() throws Exception {
        provider = new ScriptedProvider(Configs.defaults(), "test#1", problems, null);
        String pid = "dev.trellis.provider.scripted.model~demo";
        provider.define(pid, "demo", "[[{say: first}]]");
        assertThat(say("demo")).isEqualTo("first");
        provider.define(pid, "demo", "[[{say: [bad}]]");
        assertThat(say("demo")).isEqualTo("first");
        assertThat(problems.warnings).anyMatch(w -> w.startsWith("scripted: configuration " + pid + ", property 'script' line 1")
                && w.endsWith("(the previous definition stays in use)"));
        provider.undefine(pid);
        assertThatThrownBy(() -> say("demo")).hasMessageEndingWith("scripted has no model 'demo' (models: echo)");
    }

    @Test
    void offeredToolsAndToolErrorsSelectTurns() throws Exception {
        provider = withScript("""
                models:
                  tools:
                    - when: { tool_error: true }
                      reply: [the tool failed]
                    - when: { offered: search }
                      reply: [{ call: search, args: '{"q": "${user}"}' }]
                    - [no tools]
                """);
        ToolDescriptor search = new ToolDescriptor("search", "finds things", "{\"type\":\"object\"}", CapabilityClass.OBSERVE);
        Recording r = new Recording();
        provider.stream(request("tools", List.of(ChatMessage.user("cats")), List.of(search)), r);
        r.awaitEnd();
        assertThat(r.events).contains(new ToolCallStart(0, "call_0_0", "search"));
        assertThat(r.events.getLast()).isEqualTo(new Stop(StopReason.TOOL_USE));
        assertThat(say("tools")).isEqualTo("no tools");
        ChatRequest failed = request("tools", List.of(ChatMessage.user("cats"),
                new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.ToolCall("c", "search", "{}"))),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.ToolResult("c", "boom", true)))), List.of(search));
        Recording f = new Recording();
        provider.stream(failed, f);
        assertThat(f.awaitEnd().text()).isEqualTo("the tool failed");
    }

    @Test
    void aFactoryConfigurationsNameDefaultsToThePartAfterTheTilde() {
        assertThat(ScriptedProvider.modelName("", "dev.trellis.provider.scripted.model~demo")).isEqualTo("demo");
        assertThat(ScriptedProvider.modelName(" named ", "dev.trellis.provider.scripted.model~demo")).isEqualTo("named");
        assertThat(ScriptedProvider.modelName("", "dev.trellis.provider.scripted.model.1234")).isEqualTo("dev.trellis.provider.scripted.model.1234");
    }

    private ScriptedProvider withScript(String yaml) throws Exception {
        Path script = dir.resolve("script.yaml");
        Files.writeString(script, yaml);
        ScriptedProvider p = new ScriptedProvider(Configs.scripted(List.of(script.toString()), 0, 0, 5000), "test#1", problems, null);
        assertThat(problems.warnings).as("script problems").isEmpty();
        return p;
    }

    private String say(String model) throws InterruptedException {
        Recording r = new Recording();
        provider.stream(ChatRequest.of(model(model), "", "hi"), r);
        r.awaitEnd();
        assertThat(r.errors).isEmpty();
        return r.text();
    }

    /** Writes and moves the time stamp forward, so the change is seen even within one clock tick. */
    private static void write(Path file, String text, int step) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(step)));
    }

    private static ModelId model(String name) {
        return new ModelId("scripted", name);
    }

    private static ChatRequest request(String model, List<ChatMessage> messages, List<ToolDescriptor> tools) {
        return new ChatRequest(model(model), "", messages, tools, GenerationParams.DEFAULT, CacheProfile.DEFAULT);
    }
}
