package dev.trellis.itest;

import static dev.trellis.itest.AgentFixtures.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.ConversationMessage;
import dev.trellis.api.agent.QueuedInput;
import dev.trellis.api.agent.TurnRecord;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.plugin.PluginId;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Issue 7 end to end, on the product's model gateway and scripted provider (no test doubles): a message to an
 * agent → the scripted model calls the real {@code memory_append} and {@code task_create} tools → the journal plugin records the delta
 * with the agent as author → while the agent's second model call is still running, the notifier plugin's message
 * arrives and waits in the queue → it runs after the turn → history and the unified search find the exchange.
 * The second case runs the same conversation while the scripted provider bundle is updated in place during the
 * running turn: every turn ends normally, none fails.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class AgentEndToEndTest {

    static final PluginId NOTIFIER = PluginId.of("dev.trellis.example.notifier");
    /** How long the agent's second model call streams: the window in which the notifier's message must queue. */
    static final String BUSY = "3s";

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    @InjectService(timeout = 10_000)
    AgentRuntime runtime;

    @InjectService(timeout = 10_000)
    MemoryService memory;

    @InjectService(timeout = 10_000)
    ModelGateway gateway;

    final String name = AgentFixtures.uniqueAgent("e2e");
    final AgentId id = AgentId.of(name);
    final String project = "itest-" + name;
    final BlockAddress notes = BlockAddress.of(Scope.local(project), "notes");
    final BlockAddress journal = BlockAddress.of(Scope.global("itest-journal-" + name), "changes");
    final List<Configuration> made = new java.util.ArrayList<>();
    final List<Bundle> installed = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // the agent's model: scripted turns keyed on what the user or the tool said
        Configuration model = cm.getFactoryConfiguration("dev.trellis.provider.scripted.model", name, "?");
        made.add(model);
        // (the tool round first: a continuation still has "remember ..." as its last user message)
        model.update(new Hashtable<>(Map.of("script", """
                turns:
                  - when: { tool: "revision (\\\\d+)" }
                    reply:
                      - delay: %s
                      - say: "Noted at revision ${1}."
                  - when: { user: "remember (.+)" }
                    reply:
                      - say: Noting it.
                      - call: memory_append
                        args: { address: "%s", text: "${1}" }
                      - call: task_create
                        args: { scope: "%s", list: "todo", items: [ { subject: "look at ${1}" } ] }
                  - when: { user: "ping" }
                    reply: [ "pong" ]
                  - reply: [ "ok" ]
                """.formatted(BUSY, notes, notes.scope().key()))));
        await("scripted/" + name).atMost(TIMEOUT).until(() -> gateway.models().stream()
                .anyMatch(m -> m.id().toString().equals("scripted/" + name)));

        Configuration journalConfig = cm.getConfiguration("dev.trellis.example.journal", "?");
        made.add(journalConfig);
        journalConfig.update(new Hashtable<>(Map.of("journal.scope", journal.scope().key(), "journal.label", journal.label(),
                "watch.scope", notes.scope().key())));
        installed.add(AgentFixtures.installPlugin(ctx, JournalPluginTest.JAR_PROPERTY));
        await("journal subscribed").atMost(TIMEOUT).until(() -> memory.read(journal)
                .map(b -> b.content().contains("subscribed")).orElse(false));

        made.add(AgentFixtures.agent(cm, name, Map.of("model", "scripted/" + name, "project", project,
                "initial.blocks", new String[] {"notes@project=Notes:"})));
        AgentFixtures.awaitAgent(runtime, name);
        await("initial block").atMost(TIMEOUT).until(() -> memory.read(notes).isPresent());
    }

    @AfterEach
    void stop() throws Exception {
        for (Bundle b : installed) {
            b.uninstall();
        }
        for (Configuration c : made) {
            c.delete();
        }
    }

    @Test
    void aMessageAToolCallTheJournalAQueuedNotificationHistoryAndSearch() throws Exception {
        var events = AgentFixtures.Events.of(runtime, name);
        runtime.submit(id, "remember herons nest by the pond");
        conversationWithANotificationWhileBusy(events, null);
    }

    @Test
    void theSameConversationWhileTheProviderBundleIsUpdatedInPlace() throws Exception {
        var events = AgentFixtures.Events.of(runtime, name);
        Bundle scripted = Stream.of(ctx.getBundles()).filter(b -> "dev.trellis.provider.scripted".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        long before = scripted.getLastModified();
        runtime.submit(id, "remember herons nest by the pond");
        conversationWithANotificationWhileBusy(events, scripted);
        assertThat(scripted.getLastModified()).as("the provider bundle was updated").isGreaterThan(before);
        assertThat(scripted.getState()).isEqualTo(Bundle.ACTIVE);
    }

    /**
     * The shared body: waits for the memory tool's result (the second, slow model call is then running), lets
     * the notifier send, swaps the provider if asked, and checks everything once both turns ended.
     */
    private void conversationWithANotificationWhileBusy(AgentFixtures.Events events, Bundle swap) throws Exception {
        await("both tools ran").atMost(TIMEOUT).until(() -> events.of(AgentEvent.ToolResult.class).size() == 2);
        List<AgentEvent.ToolResult> results = events.of(AgentEvent.ToolResult.class);
        assertThat(results).extracting(AgentEvent.ToolResult::error).containsExactly(false, false);
        assertThat(results.getFirst().content()).isEqualTo("block " + notes + " is now at revision 2");
        assertThat(results.get(1).content()).contains("\"created\":[\"todo#");

        Configuration notifier = cm.getFactoryConfiguration("dev.trellis.example.notifier", name, "?");
        made.add(notifier);
        notifier.update(new Hashtable<>(Map.of("to", "agent:" + name, "message", "ping {n}", "interval.seconds", 3600L,
                "initial.delay.seconds", 0L, "count", 1)));
        installed.add(AgentFixtures.installPlugin(ctx, "itest.notifier.jar"));
        await("the notification is queued").atMost(TIMEOUT).until(() -> !runtime.queued(id).isEmpty());
        QueuedInput q = runtime.queued(id).getFirst();
        assertThat(q.body()).isEqualTo("ping 1");
        assertThat(q.author()).isEqualTo(new Author.Plugin(NOTIFIER));
        assertThat(events.ends()).as("the first turn still runs while the notification waits").isZero();

        if (swap != null) {
            swap.update();
            CountDownLatch refreshed = new CountDownLatch(1);
            ctx.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(swap), e -> {
                if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                    refreshed.countDown();
                }
            });
            assertThat(refreshed.await(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }

        events.awaitTurns(2);
        assertThat(events.of(AgentEvent.TurnFailed.class)).as("no turn failed").isEmpty();
        List<TurnRecord> turns = runtime.turns(id, 5);
        assertThat(turns).extracting(TurnRecord::input).containsExactly("ping 1", "remember herons nest by the pond");
        assertThat(turns).allSatisfy(t -> assertThat(t.stopReason()).contains(StopReason.END_TURN));
        assertThat(turns.getFirst().author()).isEqualTo(new Author.Plugin(NOTIFIER));
        assertThat(turns.get(1).modelCalls()).isEqualTo(2);

        // the agent wrote its memory, and the journal saw the delta authored by the agent
        assertThat(memory.read(notes).orElseThrow().content()).isEqualTo("Notes:herons nest by the pond");
        await("journal entry").atMost(TIMEOUT).untilAsserted(() -> assertThat(memory.read(journal).orElseThrow().content())
                .contains("\"kind\":\"updated\",\"block\":\"" + notes + "\",\"by\":\"agent " + name + "\",\"revision\":2"));

        // the task tool wrote the project's task list, also as the agent
        BlockAddress todo = BlockAddress.of(notes.scope(), "todo");
        assertThat(memory.read(todo).orElseThrow().metadata().lastAuthor()).isEqualTo(new Author.Agent(name));
        assertThat(memory.read(todo).orElseThrow().content()).contains("look at herons nest by the pond");

        // history has the whole exchange; the unified search finds it beside the block
        List<ConversationMessage> history = runtime.conversation(id, 50);
        assertThat(history).extracting(ConversationMessage::text).contains("remember herons nest by the pond", "Noting it.",
                "Noted at revision 2.", "ping 1", "pong");
        List<SearchHit> hits = memory.search(new SearchQuery("herons", EnumSet.of(ContentType.MESSAGE, ContentType.BLOCK),
                List.of(Scope.local(project)), 20));
        assertThat(hits).extracting(SearchHit::kind).contains(ContentType.MESSAGE, ContentType.BLOCK);
        assertThat(hits).filteredOn(h -> h.kind() == ContentType.BLOCK).extracting(SearchHit::ref).contains("notes");
    }
}
