package dev.trellis.agent.internal;

import static dev.trellis.agent.internal.EngineFixture.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.trellis.agent.internal.testing.FakeGateway;
import dev.trellis.agent.internal.testing.TestRuntime;
import dev.trellis.agent.internal.testing.Tools;
import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentException;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.ConversationMessage;
import dev.trellis.api.agent.QueuedInput;
import dev.trellis.api.agent.Submission;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.plugin.PluginId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Agents over their lifetime: one turn at a time under concurrent submits, live reconfiguration,
 * tools coming and going between turns, deletion after the running turn, the queue across a restart of
 * the runtime, and who may name an author.
 */
class AgentLifecycleTest extends EngineTest {

    @Test
    void concurrentSubmitsRunOneTurnAtATimeInArrivalOrder() throws Exception {
        f.agent("ada", props());
        var events = f.listen("ada");
        int threads = 8;
        int each = 5;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        List<Thread> senders = new ArrayList<>();
        List<String> turnIds = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int n = t;
            senders.add(Thread.ofVirtual().start(() -> {
                try {
                    barrier.await();
                    for (int i = 0; i < each; i++) {
                        turnIds.add(f.console.submit(ADA, HUMAN, "from " + n + " #" + i).turnId());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread s : senders) {
            s.join();
        }
        List<AgentEvent> seen = events.awaitTurns(threads * each);
        assertThat(f.rt.gateway.maxConcurrentStreams()).isEqualTo(1);
        // events never interleave: each TurnStarted is followed by its own events up to its end
        String open = null;
        List<String> order = new ArrayList<>();
        for (AgentEvent e : seen) {
            if (e instanceof AgentEvent.TurnStarted) {
                assertThat(open).as("a turn started while another ran").isNull();
                open = e.turnId();
                order.add(e.turnId());
            } else {
                assertThat(e.turnId()).isEqualTo(open);
                if (e instanceof AgentEvent.TurnEnded || e instanceof AgentEvent.TurnFailed) {
                    open = null;
                }
            }
        }
        assertThat(order).hasSize(threads * each).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(turnIds);
        // each sender's inputs ran in the order it sent them
        List<ConversationMessage> stored = f.console.conversation(ADA, 200);
        for (int t = 0; t < threads; t++) {
            String prefix = "from " + t + " #";
            assertThat(stored.stream().map(ConversationMessage::text).filter(x -> x.startsWith(prefix)).toList())
                    .containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 3, prefix + 4);
        }
        assertThat(f.console.turns(ADA, 100)).hasSize(threads * each);
    }

    @Test
    void twoAgentsDoTurnAtTheSameTime() throws Exception {
        f.agent("ada", props());
        f.agent("bob", props());
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        f.rt.gateway.then(new FakeGateway.Held(bothStarted, release, FakeGateway.text("a")))
                .then(new FakeGateway.Held(bothStarted, release, FakeGateway.text("b")));
        var ada = f.listen("ada");
        var bob = f.listen("bob");
        f.console.submit(ADA, HUMAN, "go");
        f.console.submit(AgentId.of("bob"), HUMAN, "go");
        bothStarted.await();
        release.countDown();
        ada.awaitTurns(1);
        bob.awaitTurns(1);
        assertThat(f.rt.gateway.maxConcurrentStreams()).isEqualTo(2);
    }

    @Test
    void aChangedConfigurationAppliesFromTheNextTurn() throws Exception {
        f.agent("ada", props("system.prompt", "Be brief."));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        f.rt.gateway.then(new FakeGateway.Held(started, release, FakeGateway.text("one")));
        var events = f.listen("ada");
        f.console.submit(ADA, HUMAN, "first");
        started.await();
        f.agent("ada", props("system.prompt", "Be thorough.", "model", "other/model"));
        f.console.submit(ADA, HUMAN, "second");
        release.countDown();
        events.awaitTurns(2);
        assertThat(f.rt.gateway.requests.get(0).system()).startsWith("Be brief.");
        assertThat(f.rt.gateway.requests.get(1).system()).startsWith("Be thorough.");
        assertThat(f.rt.gateway.requests.get(1).model().toString()).isEqualTo("other/model");
        assertThat(f.console.agents()).extracting(AgentDefinition::systemPrompt).containsExactly("Be thorough.");
    }

    @Test
    void anAgentWithoutAModelUsesTheGatewaysDefaultUnlessTheRuntimeNamesOne() {
        f.rt.gateway.defaultModel = dev.trellis.api.model.ModelId.parse("fake/default");
        f.engine.configure("", java.util.Set.of("dev.trellis.console"), java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(100));
        f.agent("ada", props());
        f.agent("bob", props("model", "named/model"));
        var events = f.listen("ada");
        f.console.submit(ADA, HUMAN, "which model?");
        events.awaitTurns(1);
        assertThat(f.rt.gateway.requests.getLast().model().toString()).isEqualTo("fake/default");
        assertThat(f.console.agents()).extracting(d -> d.model().toString()).containsExactly("fake/default", "named/model");

        f.engine.configure("runtime/choice", java.util.Set.of("dev.trellis.console"), java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(100));
        f.console.submit(ADA, HUMAN, "and now?");
        events.awaitTurns(2);
        assertThat(f.rt.gateway.requests.getLast().model().toString()).isEqualTo("runtime/choice");
        assertThat(f.console.agents()).extracting(d -> d.model().toString()).containsExactly("runtime/choice", "named/model");
    }

    @Test
    void anInvalidChangeKeepsTheAgentButStopsItsTurnsUntilFixed() {
        f.agent("ada", props());
        f.agent("ada", props("isolation", "partial"));
        var status = f.console.status(ADA).orElseThrow();
        assertThat(status.problem()).contains("configuration dev.trellis.agent~ada: key 'isolation': unknown isolation policy"
                + " 'partial' (expected none, core-only or full)");
        Submission s = f.console.submit(ADA, HUMAN, "are you there?");
        assertThat(s.startedTurn()).isFalse();
        assertThat(f.console.queued(ADA)).extracting(QueuedInput::body).containsExactly("are you there?");
        var events = f.listen("ada");
        f.agent("ada", props("isolation", "full"));
        events.awaitTurns(1);
        assertThat(f.rt.log.lines).anyMatch(l -> l.startsWith("ERROR configuration dev.trellis.agent~ada: key 'isolation'"));
    }

    @Test
    void toolsThatComeOrGoTakeEffectAtTheNextTurn() {
        f.agent("ada", props());
        var events = f.listen("ada");
        f.console.submit(ADA, HUMAN, "one");
        events.awaitTurns(1);
        assertThat(f.rt.gateway.requests.getLast().tools()).isEmpty();
        Tools.Recording hello = Tools.ok("hello", "hi");
        long id = f.tool(hello);
        f.console.submit(ADA, HUMAN, "two");
        events.awaitTurns(2);
        assertThat(f.rt.gateway.requests.getLast().tools()).extracting(t -> t.name()).containsExactly("hello");
        f.removeTool(hello, id);
        f.rt.gateway.then(FakeGateway.toolCall("c9", "hello", "{}")).thenText("ok");
        f.console.submit(ADA, HUMAN, "three");
        events.awaitTurns(3);
        assertThat(f.rt.gateway.requests.getLast().tools()).isEmpty();
        assertThat(events.of(AgentEvent.ToolResult.class).getLast().content())
                .isEqualTo("there is no tool 'hello'. Tools you can call: none.");
    }

    @Test
    void aDeletedConfigurationStopsTheAgentAfterItsTurn() throws Exception {
        f.agent("ada", props());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        f.rt.gateway.then(new FakeGateway.Held(started, release, FakeGateway.text("finished anyway")));
        var events = f.listen("ada");
        f.console.submit(ADA, HUMAN, "last words");
        f.console.submit(ADA, HUMAN, "never runs");
        started.await();
        f.engine.remove("dev.trellis.agent~ada");
        assertThat(f.console.agents()).isEmpty();
        assertThatThrownBy(() -> f.console.submit(ADA, HUMAN, "x")).isInstanceOf(AgentException.class);
        release.countDown();
        await().atMost(EngineFixture.WAIT).until(() -> events.ends() >= 1);
        assertThat(events.of(AgentEvent.TurnEnded.class)).hasSize(1);
        // the waiting input stays in the store for when the agent is configured again
        var again = f.listen2("ada");
        assertThat(again.awaitTurns(1)).anySatisfy(e -> assertThat(e).isInstanceOf(AgentEvent.TurnEnded.class));
        assertThat(f.console.conversation(ADA, 10)).extracting(ConversationMessage::text)
                .containsExactly("last words", "finished anyway", "never runs", "echo: never runs");
    }

    @Test
    void queuedInputsSurviveARestartOfTheRuntime() throws Exception {
        f.engine.unsetGateway(f.rt.gateway);
        f.agent("ada", props());
        f.console.submit(ADA, HUMAN, "one");
        f.console.submit(ADA, new Author.Plugin(PluginId.of("dev.trellis.example.notifier")), "two");
        f.engine.deactivate();

        AgentEngine second = new AgentEngine(f.rt.store, f.rt.log, f.rt.clock);
        try {
            second.define("dev.trellis.agent~ada", props());
            AgentRuntime runtime = new AgentRuntimeImpl(second, "dev.trellis.console");
            assertThat(runtime.queued(ADA)).extracting(QueuedInput::body, q -> q.author().render()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("one", "human admin"),
                    org.assertj.core.groups.Tuple.tuple("two", "plugin dev.trellis.example.notifier"));
            List<AgentEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            runtime.listen(ADA, seen::add);
            second.setGateway(f.rt.gateway);
            await().atMost(EngineFixture.WAIT).until(() -> seen.stream().filter(AgentEvent.TurnEnded.class::isInstance).count() == 2);
            assertThat(runtime.queued(ADA)).isEmpty();
            assertThat(runtime.conversation(ADA, 10)).extracting(ConversationMessage::text).containsExactly("one", "echo: one",
                    "two", "echo: [message from plugin dev.trellis.example.notifier]\ntwo");
        } finally {
            second.deactivate();
        }
        // nothing is left in the store's queue
        assertThat(f.rt.store.read((dev.trellis.api.store.StoreTransaction tx) -> tx.messageQueue().pending("ada"))).isEmpty();
    }

    /** A turn cut short by the runtime stopping before the model answered is not stored: its input runs after the start. */
    @Test
    void aTurnTheModelHasNotAnsweredWhenTheRuntimeStopsStaysQueued() throws Exception {
        f.engine.configure("", java.util.Set.of("dev.trellis.console"), java.time.Duration.ofMillis(50),
                java.time.Duration.ofMillis(100));
        f.agent("ada", props());
        var events = f.listen("ada");
        CountDownLatch started = new CountDownLatch(1);
        f.rt.gateway.then(new FakeGateway.Held(started, new CountDownLatch(1), FakeGateway.text("never said")));
        f.console.submit(ADA, HUMAN, "interrupted");
        started.await();
        f.engine.deactivate();
        assertThat(events.of(AgentEvent.TurnFailed.class)).extracting(AgentEvent.TurnFailed::message)
                .containsExactly("the runtime is stopping; the input stays queued and runs after the next start");
        assertThat(f.rt.store.read((dev.trellis.api.store.StoreTransaction tx) -> tx.messages().turns("ada", 10))).isEmpty();

        AgentEngine second = new AgentEngine(f.rt.store, f.rt.log, f.rt.clock);
        try {
            second.define("dev.trellis.agent~ada", props());
            AgentRuntime runtime = new AgentRuntimeImpl(second, "dev.trellis.console");
            assertThat(runtime.queued(ADA)).extracting(QueuedInput::body).containsExactly("interrupted");
            List<AgentEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            runtime.listen(ADA, seen::add);
            second.setGateway(f.rt.gateway);
            await().atMost(EngineFixture.WAIT).until(() -> seen.stream().anyMatch(AgentEvent.TurnEnded.class::isInstance));
            assertThat(runtime.conversation(ADA, 10)).extracting(ConversationMessage::text)
                    .containsExactly("interrupted", "echo: interrupted");
        } finally {
            second.deactivate();
        }
    }

    @Test
    void onlyTrustedBundlesNameAnAuthorAndOthersAreAuthoredAsThemselves() {
        f.agent("ada", props());
        var events = f.listen("ada");
        AgentRuntime plugin = new AgentRuntimeImpl(f.engine, "org.example.sneaky");
        assertThatThrownBy(() -> plugin.submit(ADA, new Author.Plugin(PluginId.of("dev.trellis.example.notifier")), "forged"))
                .isInstanceOf(AgentException.class)
                .hasMessage("agent ada: bundle org.example.sneaky may not name the author of an input; plugins send messages"
                        + " through HostMessaging, which authors them as the plugin")
                .satisfies(e -> assertThat(((AgentException) e).reason()).isEqualTo(AgentException.Reason.NOT_TRUSTED));
        assertThatThrownBy(() -> plugin.submit(ADA, HUMAN, "forged human")).isInstanceOf(AgentException.class);
        String turn = plugin.submit(ADA, "honest");
        events.awaitTurns(1);
        assertThat(f.console.turns(ADA, 1).getFirst().author()).isEqualTo(new Author.Plugin(PluginId.of("org.example.sneaky")));
        assertThat(f.console.turns(ADA, 1).getFirst().turnId()).isEqualTo(turn);
        assertThat(f.console.conversation(ADA, 10)).extracting(ConversationMessage::text).containsExactly("honest",
                "echo: [message from plugin org.example.sneaky]\nhonest");
    }

    @Test
    void initialBlocksAreCreatedOnceAndNeverOverwritten() {
        f.rt.memory.put("global:ada/persona", dev.trellis.api.memory.Tier.CORE, "edited by the agent", new Author.Agent("ada"));
        f.agent("ada", props("initial.blocks", new String[] {"persona:core=I am Ada.", "notes=empty so far"}));
        assertThat(f.rt.memory.read(BlockAddress.parse("global:ada/persona")).orElseThrow().content()).isEqualTo("edited by the agent");
        assertThat(f.rt.memory.read(BlockAddress.parse("global:ada/notes")).orElseThrow().content()).isEqualTo("empty so far");
    }
}
