package dev.trellis.agent.internal;

import static dev.trellis.agent.internal.EngineFixture.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.trellis.agent.internal.testing.FakeGateway;
import dev.trellis.agent.internal.testing.Tools;
import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentException;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentState;
import dev.trellis.api.agent.ConversationMessage;
import dev.trellis.api.agent.Submission;
import dev.trellis.api.agent.TurnRecord;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.Role;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.tool.ToolResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The turn loop through the engine: tool rounds, events, persistence, guards, cancel, retries. */
class TurnLoopTest extends EngineTest {




    @Test
    void aToolRoundThenAnAnswerEndsTheTurnAndEverythingIsStored() {
        Tools.Recording hello = Tools.ok("hello", "Hello, Bob!");
        f.tool(hello);
        f.agent("ada", props("project", "p", "isolation", "core-only"));
        f.rt.gateway.then(FakeGateway.toolCall("c1", "hello", "{\"x\":\"Bob\"}")).thenText("I greeted Bob.");
        var events = f.listen("ada");

        Submission s = f.console.submit(ADA, HUMAN, "greet Bob");
        assertThat(s.startedTurn()).isTrue();
        List<AgentEvent> seen = events.awaitTurns(1);

        assertThat(seen).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("TurnStarted", "ToolCalled", "ToolResult", "Text", "TurnEnded");
        assertThat(seen).allSatisfy(e -> assertThat(e.turnId()).isEqualTo(s.turnId()));
        AgentEvent.TurnEnded end = events.of(AgentEvent.TurnEnded.class).getFirst();
        assertThat(end.reason()).isEqualTo(StopReason.END_TURN);
        assertThat(end.usage()).isEqualTo(new StreamEvent.Usage(30, 12, 100, 3));
        assertThat(events.of(AgentEvent.ToolResult.class).getFirst()).isEqualTo(
                new AgentEvent.ToolResult(ADA, s.turnId(), "c1", "Hello, Bob!", false));

        // the tool ran as the agent, in the agent's memory view
        assertThat(hello.calls).singleElement().satisfies(c -> {
            assertThat(c.agentId()).isEqualTo("ada");
            assertThat(c.arguments()).isEqualTo("{\"x\":\"Bob\"}");
            assertThat(c.binding()).contains(new ScopeBinding(new Scope.Global("ada"), Optional.of(new Scope.Local("p")),
                    IsolationPolicy.CORE_ONLY));
        });
        // the second request repeats the first turn's messages and adds the tool result
        assertThat(f.rt.gateway.requests).hasSize(2);
        assertThat(f.rt.gateway.requests.get(1).messages()).extracting(m -> m.role())
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL);
        assertThat(f.rt.gateway.requests.get(1).tools()).extracting(t -> t.name()).containsExactly("hello");

        List<ConversationMessage> stored = f.console.conversation(ADA, 10);
        assertThat(stored).extracting(ConversationMessage::role).containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT);
        assertThat(stored.getFirst().author()).contains(HUMAN);
        assertThat(stored.getLast().text()).isEqualTo("I greeted Bob.");
        assertThat(stored.get(2).parts()).containsExactly(new ContentPart.ToolResult("c1", "Hello, Bob!", false));

        TurnRecord t = f.console.turns(ADA, 5).getFirst();
        assertThat(t.turnId()).isEqualTo(s.turnId());
        assertThat(t.stopReason()).contains(StopReason.END_TURN);
        assertThat(t.modelCalls()).isEqualTo(2);
        assertThat(t.usage()).isEqualTo(end.usage());
        assertThat(t.author()).isEqualTo(HUMAN);
        assertThat(f.console.queued(ADA)).isEmpty();
        assertThat(f.console.status(ADA).orElseThrow().state()).isEqualTo(AgentState.IDLE);
    }

    @Test
    void theNextTurnSendsTheStoredHistoryAgain() {
        f.agent("ada", props());
        var events = f.listen("ada");
        f.console.submit(ADA, HUMAN, "first");
        events.awaitTurns(1);
        f.console.submit(ADA, HUMAN, "second");
        events.awaitTurns(2);
        var last = f.rt.gateway.requests.getLast().messages();
        assertThat(last).extracting(m -> m.role()).containsExactly(Role.USER, Role.ASSISTANT, Role.USER);
        assertThat(((ContentPart.Text) last.get(1).parts().getFirst()).text()).isEqualTo("echo: first");
        assertThat(f.rt.gateway.lastUserText()).isEqualTo("second");
    }

    @Test
    void inputsFromOthersNameTheirSender() {
        f.agent("ada", props());
        var events = f.listen("ada");
        f.console.submit(ADA, new Author.Plugin(dev.trellis.api.plugin.PluginId.of("dev.trellis.example.notifier")), "ping");
        events.awaitTurns(1);
        assertThat(f.rt.gateway.lastUserText()).isEqualTo("[message from plugin dev.trellis.example.notifier]\nping");
    }

    @Test
    void theMaxModelCallsGuardEndsAToolLoop() {
        f.tool(Tools.ok("hello", "hi"));
        f.agent("ada", props("max.model.calls", 3));
        for (int i = 0; i < 5; i++) {
            f.rt.gateway.then(FakeGateway.toolCall("c" + i, "hello", "{}"));
        }
        var events = f.listen("ada");
        f.console.submit(ADA, HUMAN, "loop");
        events.awaitTurns(1);
        assertThat(f.rt.gateway.requests).hasSize(3);
        assertThat(events.of(AgentEvent.TurnFailed.class).getFirst().message())
                .isEqualTo("stopped after 3 model calls: the model kept calling tools (max.model.calls = 3)");
        TurnRecord t = f.console.turns(ADA, 1).getFirst();
        assertThat(t.failure()).contains("stopped after 3 model calls: the model kept calling tools (max.model.calls = 3)");
        assertThat(t.modelCalls()).isEqualTo(3);
        // the tool rounds that ran are in the history
        assertThat(f.console.conversation(ADA, 20)).extracting(ConversationMessage::role).containsExactly(Role.USER,
                Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.TOOL);
    }

    @Test
    void cancelEndsTheRunningTurnAndTheNextInputRuns() throws Exception {
        f.agent("ada", props());
        CountDownLatch started = new CountDownLatch(1);
        f.rt.gateway.then(new FakeGateway.Held(started, new CountDownLatch(1), FakeGateway.text("never")));
        var events = f.listen("ada");
        f.console.submit(ADA, HUMAN, "long one");
        started.await();
        Submission second = f.console.submit(ADA, HUMAN, "next");
        assertThat(second.startedTurn()).isFalse();
        assertThat(second.ahead()).isZero();
        assertThat(f.console.status(ADA).orElseThrow().state()).isEqualTo(AgentState.RUNNING);
        assertThat(f.console.queued(ADA)).extracting(q -> q.body()).containsExactly("next");

        assertThat(f.console.cancel(ADA)).isTrue();
        events.awaitTurns(2);
        assertThat(events.of(AgentEvent.TurnFailed.class).getFirst().message()).isEqualTo("cancelled");
        assertThat(events.of(AgentEvent.TurnEnded.class)).singleElement().satisfies(e -> assertThat(e.turnId()).isEqualTo(second.turnId()));
        assertThat(f.console.cancel(ADA)).isFalse();
    }

    @Test
    void aModelErrorFailsTheTurnButKeepsTheInputInTheHistory() {
        f.agent("ada", props());
        f.rt.gateway.then(new FakeGateway.Failure(List.of(new StreamEvent.TextDelta("par")),
                new ModelError.Http("openai", 500, "boom")));
        var events = f.listen("ada");
        f.console.submit(ADA, HUMAN, "hi");
        events.awaitTurns(1);
        assertThat(events.of(AgentEvent.TurnFailed.class).getFirst().message())
                .isEqualTo("model call failed: openai answered HTTP 500: boom");
        assertThat(f.console.conversation(ADA, 5)).extracting(ConversationMessage::text).containsExactly("hi");
        assertThat(f.console.turns(ADA, 1).getFirst().failure()).contains("model call failed: openai answered HTTP 500: boom");
    }

    @Test
    void aMissingProviderKeepsTheInputQueuedAndRetries() {
        f.agent("ada", props());
        f.rt.gateway.then(new FakeGateway.Refuse(new ModelError.ProviderUnavailable("scripted")));
        var events = f.listen("ada");
        f.console.submit(ADA, HUMAN, "hello?");
        await().atMost(EngineFixture.WAIT).until(() -> events.ends() >= 1);
        assertThat(events.of(AgentEvent.TurnFailed.class).getFirst().message())
                .isEqualTo("no model provider 'scripted' is available; the input stays queued and is tried again in 100 ms");
        assertThat(f.console.status(ADA).orElseThrow().state()).isEqualTo(AgentState.UNAVAILABLE);
        assertThat(f.console.status(ADA).orElseThrow().problem()).contains("no model provider 'scripted' is available");
        assertThat(f.console.queued(ADA)).extracting(q -> q.body()).containsExactly("hello?");
        assertThat(f.console.turns(ADA, 5)).isEmpty();

        f.rt.clock.advance(java.time.Duration.ofMillis(100));
        events.awaitTurns(2);
        assertThat(events.of(AgentEvent.TurnEnded.class)).hasSize(1);
        assertThat(f.console.conversation(ADA, 5)).extracting(ConversationMessage::text).containsExactly("hello?", "echo: hello?");
        assertThat(f.console.status(ADA).orElseThrow().state()).isEqualTo(AgentState.IDLE);
    }

    @Test
    void withoutAGatewayInputsQueueAndRunWhenOneAppears() {
        f.engine.unsetGateway(f.rt.gateway);
        f.agent("ada", props());
        Submission s = f.console.submit(ADA, HUMAN, "wait for me");
        assertThat(s.startedTurn()).isFalse();
        assertThat(f.console.status(ADA).orElseThrow().problem()).contains("no model gateway is running; inputs are queued");
        var events = f.listen("ada");
        f.engine.setGateway(f.rt.gateway);
        events.awaitTurns(1);
        assertThat(events.of(AgentEvent.TurnEnded.class)).singleElement().satisfies(e -> assertThat(e.turnId()).isEqualTo(s.turnId()));
    }

    @Test
    void anUnknownAgentAndBadInputAreClearErrors() {
        f.agent("ada", props());
        assertThatThrownBy(() -> f.console.submit(AgentId.of("bob"), HUMAN, "x")).isInstanceOf(AgentException.class)
                .hasMessage("agent bob: no such agent is configured (configured: ada)")
                .satisfies(e -> assertThat(((AgentException) e).reason()).isEqualTo(AgentException.Reason.UNKNOWN_AGENT));
        assertThatThrownBy(() -> f.console.submit(ADA, HUMAN, "  ")).hasMessage("agent ada: the input is empty");
        assertThat(f.console.status(AgentId.of("bob"))).isEmpty();
    }

    @Test
    void aToolThatFailsIsAnErrorResultAndTheTurnGoesOn() {
        f.tool(new Tools.Recording("boom", dev.trellis.api.tool.CapabilityClass.OBSERVE, c -> {
            throw new IllegalStateException("kaput");
        }));
        f.agent("ada", props());
        f.rt.gateway.then(FakeGateway.toolCall("c1", "boom", "{}")).thenText("sorry");
        var events = f.listen("ada");
        f.console.submit(ADA, HUMAN, "try it");
        events.awaitTurns(1);
        assertThat(events.of(AgentEvent.ToolResult.class).getFirst())
                .isEqualTo(new AgentEvent.ToolResult(ADA, events.events.getFirst().turnId(), "c1",
                        "tool boom failed: IllegalStateException: kaput", true));
        assertThat(events.of(AgentEvent.TurnEnded.class)).hasSize(1);
        assertThat(ToolResult.failure("x").error()).isTrue();
    }
}
