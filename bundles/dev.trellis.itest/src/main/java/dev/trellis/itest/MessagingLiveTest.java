package dev.trellis.itest;

import static dev.trellis.itest.AgentFixtures.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentException;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.QueuedInput;
import dev.trellis.api.agent.TurnRecord;
import dev.trellis.api.memory.Author;
import dev.trellis.api.messaging.Delivery;
import dev.trellis.api.messaging.HostMessaging;
import dev.trellis.api.messaging.MessagingException;
import dev.trellis.api.messaging.Recipient;
import dev.trellis.api.plugin.PluginId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.test.common.annotation.InjectService;

/**
 * Host messaging in the live framework: the example notifier's message is queued while the agent is
 * busy and handled after its turn; a plugin cannot send under another author; the example inbox channel
 * writes agent messages to files and turns dropped files into messages; queued messages survive the
 * store, agent and messaging bundles being restarted.
 */
class MessagingLiveTest extends AgentItest {

    static final PluginId NOTIFIER = PluginId.of("dev.trellis.example.notifier");
    static final PluginId INBOX = PluginId.of("dev.trellis.example.inbox");

    @InjectService(timeout = 10_000)
    HostMessaging messaging;

    MessagingLiveTest() {
        super("msg");
    }

    @Override
    Map<String, Object> agentConfig() {
        return Map.of("model", "itest/model", "groups", new String[] {name + "-crew"});
    }

    @Test
    void theNotifiersMessageWaitsWhileTheAgentIsBusyAndRunsAfterItsTurn() throws Exception {
        var events = AgentFixtures.Events.of(runtime, name);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = gateway.hold(started);
        runtime.submit(id, "a long job");
        started.await();

        Configuration notifier = cm.getFactoryConfiguration("dev.trellis.example.notifier", name, "?");
        notifier.update(new Hashtable<>(Map.of("to", "agent:" + name, "message", "ping {n}", "interval.seconds", 3600L,
                "initial.delay.seconds", 0L, "count", 1)));
        Bundle plugin = AgentFixtures.installPlugin(ctx, "itest.notifier.jar");
        try {
            await().atMost(TIMEOUT).until(() -> !runtime.queued(id).isEmpty());
            QueuedInput q = runtime.queued(id).getFirst();
            assertThat(q.body()).isEqualTo("ping 1");
            assertThat(q.author()).isEqualTo(new Author.Plugin(NOTIFIER));
            assertThat(events.ends()).isZero();

            release.countDown();
            events.awaitTurns(2);
            List<TurnRecord> turns = runtime.turns(id, 5);
            assertThat(turns).extracting(TurnRecord::input).containsExactly("ping 1", "a long job");
            assertThat(turns.getFirst().author()).isEqualTo(new Author.Plugin(NOTIFIER));
            assertThat(AgentFixtures.TestGateway.lastInput(gateway.requests.getLast()))
                    .isEqualTo("[message from plugin dev.trellis.example.notifier]\nping 1");
        } finally {
            plugin.uninstall();
            notifier.delete();
        }
    }

    @Test
    void aPluginCannotSendUnderAnotherAuthor() throws Exception {
        String probeName = "dev.trellis.itest.messaging.probe";
        Bundle probe = AgentFixtures.installProbe(ctx, probeName);
        try {
            BundleContext pc = probe.getBundleContext();
            HostMessaging probeMessaging = pc.getService(pc.getServiceReference(HostMessaging.class));
            AgentRuntime probeRuntime = pc.getService(pc.getServiceReference(AgentRuntime.class));
            assertThat(probeMessaging).isNotSameAs(messaging);
            var events = AgentFixtures.Events.of(runtime, name);

            Delivery d = probeMessaging.send(Recipient.parse("agent:" + name), "hello from the probe");
            events.awaitTurns(1);
            assertThat(runtime.turns(id, 1).getFirst().turnId()).isEqualTo(d.messageId());
            assertThat(runtime.turns(id, 1).getFirst().author()).isEqualTo(new Author.Plugin(PluginId.of(probeName)));

            assertThatThrownBy(() -> probeRuntime.submit(id, new Author.Plugin(NOTIFIER), "forged"))
                    .isInstanceOf(AgentException.class)
                    .satisfies(e -> assertThat(((AgentException) e).reason()).isEqualTo(AgentException.Reason.NOT_TRUSTED));
            assertThatThrownBy(() -> probeRuntime.submit(id, new Author.Human("admin"), "forged"))
                    .isInstanceOf(AgentException.class);
            probeRuntime.submit(id, "direct");
            events.awaitTurns(2);
            assertThat(runtime.turns(id, 1).getFirst().author()).isEqualTo(new Author.Plugin(PluginId.of(probeName)));
            assertThat(runtime.turns(id, 10)).hasSize(2);
        } finally {
            probe.uninstall();
        }
    }

    @Test
    void unknownRecipientsAreClearErrorsAndGroupsReachTheirMembers() throws Exception {
        assertThatThrownBy(() -> messaging.send(Recipient.parse("agent:nobody-" + name), "hi"))
                .isInstanceOf(MessagingException.class).hasMessageStartingWith("cannot send to agent:nobody-" + name
                        + ": agent nobody-" + name + ": no such agent is configured (configured: ")
                .satisfies(e -> assertThat(((MessagingException) e).reason()).isEqualTo(MessagingException.Reason.UNKNOWN_RECIPIENT));
        assertThatThrownBy(() -> messaging.send(Recipient.parse("channel:none-" + name), "hi"))
                .satisfies(e -> assertThat(((MessagingException) e).reason()).isEqualTo(MessagingException.Reason.CHANNEL_UNAVAILABLE));
        var events = AgentFixtures.Events.of(runtime, name);
        assertThat(messaging.send(Recipient.parse("group:" + name + "-crew"), "all hands").outcome())
                .isEqualTo(Delivery.Outcome.TURN_STARTED);
        events.awaitTurns(1);
        assertThat(runtime.turns(id, 1).getFirst().input()).isEqualTo("all hands");
    }

    @Test
    void theInboxChannelWritesAgentMessagesAndTurnsDroppedFilesIntoMessages() throws Exception {
        Path dir = Files.createTempDirectory("itest-inbox-");
        String channel = "inbox-" + name;
        Configuration inboxConfig = cm.getConfiguration("dev.trellis.example.inbox", "?");
        inboxConfig.update(new Hashtable<>(Map.of("directory", dir.toString(), "channel.name", channel,
                "to", "agent:" + name, "poll.ms", 200L)));
        Bundle plugin = AgentFixtures.installPlugin(ctx, "itest.inbox.jar");
        try {
            await().atMost(TIMEOUT).until(() -> Files.isDirectory(dir.resolve("outbox")));
            var events = AgentFixtures.Events.of(runtime, name);
            gateway.then(AgentFixtures.TestGateway.tool("s1", "send_message",
                    "{\"to\":\"channel:" + channel + "\",\"body\":\"The beans need water.\"}"))
                    .then(AgentFixtures.TestGateway.text("Sent."));
            // the channel may take a moment to register after the configuration arrives
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
                messaging.send(Recipient.parse("channel:" + channel), "probe");
                return true;
            });
            runtime.submit(id, "tell the outside");
            events.awaitTurns(1);
            assertThat(events.of(AgentEvent.ToolResult.class).getFirst().content()).startsWith("delivered to channel:" + channel);
            List<String> files = outbox(dir);
            assertThat(files).anySatisfy(text -> assertThat(text).startsWith("From: agent " + name + "\nTo: channel:" + channel)
                    .endsWith("\n\nThe beans need water.\n"));

            Path tmp = Files.writeString(dir.resolve("incoming").resolve(".drop.tmp"), "Please water the beans too.");
            Files.move(tmp, dir.resolve("incoming").resolve("request.txt"));
            events.awaitTurns(2);
            assertThat(runtime.turns(id, 1).getFirst().author()).isEqualTo(new Author.Plugin(INBOX));
            assertThat(runtime.turns(id, 1).getFirst().input()).isEqualTo("Please water the beans too.");
            await().atMost(TIMEOUT).until(() -> Files.exists(dir.resolve("incoming/sent/request.txt")));
        } finally {
            plugin.uninstall();
            inboxConfig.delete();
        }
    }

    private static List<String> outbox(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted(Comparator.naturalOrder()).map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void queuedMessagesSurviveARestartOfStoreAgentAndMessaging() throws Exception {
        gateway.unregister();
        // nothing serves itest/model now: with no gateway the input waits; with the product gateway its
        // provider is missing and the runtime keeps it queued and retries
        messaging.send(Recipient.parse("agent:" + name), "before the restart 1");
        messaging.send(Recipient.parse("agent:" + name), "before the restart 2");
        await().atMost(TIMEOUT).until(() -> runtime.queued(id).size() == 2);

        List<Bundle> restarted = Stream.of("dev.trellis.messaging", "dev.trellis.agent", "dev.trellis.store.sqlite")
                .map(this::bundle).toList();
        for (Bundle b : restarted) {
            b.stop();
        }
        for (Bundle b : restarted.reversed()) {
            b.start();
        }
        AgentRuntime after = awaitService(AgentRuntime.class);
        AgentFixtures.awaitAgent(after, name);
        // both are back; the first may already be in a turn that waits for the model (the product gateway is
        // here), and then only the second is listed as waiting
        List<String> waiting = after.queued(id).stream().map(QueuedInput::body).toList();
        assertThat(List.of(List.of("before the restart 1", "before the restart 2"), List.of("before the restart 2")))
                .contains(waiting);
        assertThat(after.queued(id)).allSatisfy(q -> assertThat(q.author().render()).isEqualTo("plugin dev.trellis.itest"));
        var events = AgentFixtures.Events.of(after, name);
        gateway.register(ctx);
        events.awaitTurns(2);
        assertThat(after.turns(id, 5)).extracting(TurnRecord::input).containsExactly("before the restart 2", "before the restart 1");
        assertThat(after.turns(id, 5)).allSatisfy(t -> assertThat(t.author().render()).isEqualTo("plugin dev.trellis.itest"));
        assertThat(after.queued(id)).isEmpty();
    }

    private Bundle bundle(String bsn) {
        return Stream.of(ctx.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst().orElseThrow();
    }

    private <T> T awaitService(Class<T> type) {
        return await().atMost(TIMEOUT).until(() -> {
            var ref = ctx.getServiceReference(type);
            return ref == null ? null : ctx.getService(ref);
        }, s -> s != null);
    }
}
