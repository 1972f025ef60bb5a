package dev.trellis.itest;

import static dev.trellis.itest.AgentFixtures.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentListener;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.ConversationMessage;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.api.tool.ToolResult;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.test.common.annotation.InjectService;

/**
 * The agent runtime in the live framework: an agent defined by a ConfigAdmin factory configuration
 * answers through a gateway service, calls the real memory tools in its own isolation view (the journal
 * plugin records the write with the agent as author), is reconfigured and removed live, and sees tool
 * services come and go between turns. Its exchange is found by the unified search.
 */
class AgentLiveTest extends AgentItest {

    @InjectService(timeout = 10_000)
    MemoryService memory;

    final String project = "itest-" + name;

    AgentLiveTest() {
        super("live");
    }

    @Override
    Map<String, Object> agentConfig() {
        return Map.of("system.prompt", "You garden.", "project", project, "isolation", "full",
                "model", "itest/model", "initial.blocks", new String[] {"persona:core@persona=I am " + name + ".", "notes=empty"});
    }

    @Test
    void anAgentCallsAMemoryToolInItsOwnViewAndTheJournalSeesTheAgentAsAuthor() throws Exception {
        Configuration journalConfig = cm.getConfiguration("dev.trellis.example.journal", "?");
        BlockAddress journal = BlockAddress.of(Scope.global("itest-journal-" + name), "changes");
        journalConfig.update(new Hashtable<>(Map.of("journal.scope", journal.scope().key(), "journal.label", journal.label(),
                "watch.scope", "local:" + project)));
        Bundle journalPlugin = AgentFixtures.installPlugin(ctx, JournalPluginTest.JAR_PROPERTY);
        try {
            await().atMost(TIMEOUT).until(() -> memory.read(journal).map(b -> b.content().contains("subscribed")).orElse(false));
            String notes = "local:" + project + "/notes";
            gateway.then(AgentFixtures.TestGateway.tool("c1", "memory_append", "{\"address\":\"" + notes + "\",\"text\":\"\\nheron seen\"}"))
                    .then(AgentFixtures.TestGateway.tool("c2", "memory_get", "{\"address\":\"global:" + name + "/persona\"}"))
                    .then(AgentFixtures.TestGateway.text("Noted the heron."));
            var events = AgentFixtures.Events.of(runtime, name);
            runtime.submit(id, "I saw a heron by the pond");
            events.awaitTurns(1);

            assertThat(events.of(AgentEvent.TurnEnded.class)).hasSize(1);
            List<AgentEvent.ToolResult> results = events.of(AgentEvent.ToolResult.class);
            assertThat(results.get(0).content()).isEqualTo("block " + notes + " is now at revision 2");
            // full isolation: the persona block is hidden from the agent's tools, even its own
            assertThat(results.get(1).error()).isTrue();
            assertThat(results.get(1).content()).isEqualTo("block global:" + name + "/persona does not exist");
            assertThat(memory.read(BlockAddress.parse(notes)).orElseThrow().content()).isEqualTo("empty\nheron seen");
            assertThat(memory.read(BlockAddress.parse(notes)).orElseThrow().metadata().lastAuthor())
                    .isEqualTo(new Author.Agent(name));

            // the journal plugin saw the delta, authored by the agent
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(memory.read(journal).orElseThrow().content())
                    .contains("\"kind\":\"updated\",\"block\":\"" + notes + "\",\"by\":\"agent " + name + "\",\"revision\":2"));

            // the first request saw the memory snapshot of the agent's view: project blocks only
            String opening = ((ContentPart.Text) gateway.requests.getFirst().messages().getFirst().parts().getFirst()).text();
            assertThat(opening).startsWith("<system-reminder>\n[memory:current_state]\n\n<block:notes type=\"working\"")
                    .doesNotContain("persona");
            assertThat(gateway.requests.getFirst().system()).startsWith("You garden.\n\n");
            assertThat(gateway.requests.getFirst().tools()).extracting(ToolDescriptor::name).contains("memory_append",
                    "memory_get", "send_message");

            // history and search find the exchange
            // the turn opens with the memory reminders, then the input (the message with an author)
            assertThat(runtime.conversation(id, 20)).filteredOn(m -> m.author().isPresent())
                    .extracting(ConversationMessage::text).first().isEqualTo("I saw a heron by the pond");
            assertThat(runtime.turns(id, 1).getFirst().author()).isEqualTo(new Author.Plugin(
                    dev.trellis.api.plugin.PluginId.of("dev.trellis.itest")));
            List<SearchHit> hits = memory.search(new SearchQuery("heron", EnumSet.of(ContentType.MESSAGE, ContentType.BLOCK),
                    List.of(Scope.local(project)), 10));
            assertThat(hits).extracting(SearchHit::kind).contains(ContentType.MESSAGE, ContentType.BLOCK);
        } finally {
            journalPlugin.uninstall();
            journalConfig.delete();
        }
    }

    @Test
    void aConfigurationChangeAppliesFromTheNextTurnAndDeletionStopsTheAgentAfterItsTurn() throws Exception {
        var events = AgentFixtures.Events.of(runtime, name);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = gateway.hold(started);
        runtime.submit(id, "first");
        started.await();
        config.update(new Hashtable<>(Map.of("system.prompt", "You sail.", "project", project, "model", "itest/model")));
        await().atMost(TIMEOUT).until(() -> runtime.agents().stream().anyMatch(a -> a.id().equals(id)
                && a.systemPrompt().equals("You sail.")));
        runtime.submit(id, "second");
        release.countDown();
        events.awaitTurns(2);
        List<ChatRequest> requests = gateway.requests;
        assertThat(requests.get(0).system()).startsWith("You garden.");
        assertThat(requests.get(1).system()).startsWith("You sail.");

        CountDownLatch started2 = new CountDownLatch(1);
        CountDownLatch release2 = gateway.hold(started2);
        runtime.submit(id, "third");
        started2.await();
        config.delete();
        config = null;
        await().atMost(TIMEOUT).until(() -> runtime.agents().stream().noneMatch(a -> a.id().equals(id)));
        release2.countDown();
        events.awaitTurns(3);
        assertThat(events.of(AgentEvent.TurnEnded.class)).hasSize(3);
        assertThat(runtime.status(id)).isEmpty();
    }

    @Test
    void anAgentListenerServiceReceivesTheAgentsEvents() throws Exception {
        List<AgentEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        AgentListener listener = seen::add;
        ServiceRegistration<AgentListener> reg = ctx.registerService(AgentListener.class, listener,
                new Hashtable<>(Map.of(AgentRuntime.LISTENER_AGENT_ID, name)));
        try {
            String turn = runtime.submit(id, "whiteboard");
            await().atMost(TIMEOUT).until(() -> seen.stream().anyMatch(AgentEvent.TurnEnded.class::isInstance));
            assertThat(seen).extracting(e -> e.getClass().getSimpleName()).containsExactly("TurnStarted", "Text", "TurnEnded");
            assertThat(seen).allSatisfy(e -> assertThat(e.turnId()).isEqualTo(turn));
        } finally {
            reg.unregister();
        }
    }

    @Test
    void toolServicesThatComeOrGoTakeEffectAtTheNextTurn() throws Exception {
        Tool probe = new Tool() {
            final ToolDescriptor d = new ToolDescriptor("itest_probe", "Answers probe.", "{\"type\":\"object\"}",
                    CapabilityClass.OBSERVE);

            public ToolDescriptor descriptor() {
                return d;
            }

            public ToolResult invoke(ToolCall call) {
                return ToolResult.ok("probe for " + call.agentId());
            }
        };
        var events = AgentFixtures.Events.of(runtime, name);
        ServiceRegistration<Tool> reg = ctx.registerService(Tool.class, probe, new Hashtable<>(Map.of(Tool.NAME, "itest_probe")));
        gateway.then(AgentFixtures.TestGateway.tool("p1", "itest_probe", "{}"));
        runtime.submit(id, "use the probe");
        events.awaitTurns(1);
        assertThat(gateway.requests.getFirst().tools()).extracting(ToolDescriptor::name).contains("itest_probe");
        assertThat(events.of(AgentEvent.ToolResult.class).getFirst().content()).isEqualTo("probe for " + name);

        reg.unregister();
        runtime.submit(id, "again");
        events.awaitTurns(2);
        assertThat(gateway.requests.getLast().tools()).extracting(ToolDescriptor::name).doesNotContain("itest_probe");
    }
}
