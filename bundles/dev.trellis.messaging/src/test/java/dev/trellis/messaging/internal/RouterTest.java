package dev.trellis.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.agent.AgentId;
import dev.trellis.api.memory.Author;
import dev.trellis.api.messaging.Delivery;
import dev.trellis.api.messaging.HostMessaging;
import dev.trellis.api.messaging.Message;
import dev.trellis.api.messaging.MessageAuthor;
import dev.trellis.api.messaging.MessageChannel;
import dev.trellis.api.messaging.MessagingException;
import dev.trellis.api.messaging.MessagingException.Reason;
import dev.trellis.api.messaging.Recipient;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    static final PluginId NOTIFIER = PluginId.of("dev.trellis.example.notifier");

    final FakeRuntime runtime = new FakeRuntime().agent("ada", "crew").agent("bob", "crew").agent("cid");
    final Router router = new Router(Clock.fixed(NOW, ZoneOffset.UTC));
    final HostMessaging plugin = new HostMessagingImpl(router, NOTIFIER);
    final SendMessageTool tool = new SendMessageTool(router);

    RouterTest() {
        router.setAgents(runtime);
    }

    static MessagingException.Reason reason(Throwable t) {
        return ((MessagingException) t).reason();
    }

    @Test
    void aPluginsMessageIsAuthoredByThePluginAndStartsOrQueues() {
        Delivery idle = plugin.send(Recipient.parse("agent:ada"), "ping");
        assertThat(idle).isEqualTo(new Delivery("turn-1", Delivery.Outcome.TURN_STARTED));
        runtime.busy.add(AgentId.of("bob"));
        assertThat(plugin.send(Recipient.parse("agent:bob"), "ping").outcome()).isEqualTo(Delivery.Outcome.QUEUED);
        assertThat(runtime.inputs).containsExactly(
                new FakeRuntime.Input(AgentId.of("ada"), new Author.Plugin(NOTIFIER), "ping"),
                new FakeRuntime.Input(AgentId.of("bob"), new Author.Plugin(NOTIFIER), "ping"));
    }

    @Test
    void noApiLetsAPluginChooseItsAuthor() {
        // HostMessaging.send has exactly (Recipient, String): nothing can carry an author
        assertThat(HostMessaging.class.getMethods()).singleElement().satisfies(m -> {
            assertThat(m.getName()).isEqualTo("send");
            assertThat(m.getParameterTypes()).containsExactly(Recipient.class, String.class);
        });
    }

    @Test
    void unknownRecipientsAndBadBodiesAreClearErrors() {
        assertThatThrownBy(() -> plugin.send(Recipient.parse("agent:zed"), "hi")).isInstanceOf(MessagingException.class)
                .hasMessage("cannot send to agent:zed: agent zed: no such agent is configured (configured: ada, bob, cid)")
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNKNOWN_RECIPIENT));
        assertThatThrownBy(() -> plugin.send(Recipient.parse("group:nobody"), "hi"))
                .hasMessage("no agent is in group 'nobody'").satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNKNOWN_RECIPIENT));
        assertThatThrownBy(() -> plugin.send(Recipient.parse("agent:ada"), " "))
                .hasMessage("the message to agent:ada is empty").satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.INVALID_BODY));
        assertThatThrownBy(() -> plugin.send(Recipient.parse("agent:ada"), "x".repeat(Message.MAX_BODY_LENGTH + 1)))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.INVALID_BODY));
        runtime.full.add(AgentId.of("ada"));
        assertThatThrownBy(() -> plugin.send(Recipient.parse("agent:ada"), "x"))
                .hasMessage("cannot send to agent:ada: agent ada: 1000 inputs are waiting")
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.QUEUE_FULL));
        assertThat(runtime.inputs).isEmpty();
    }

    @Test
    void withoutTheAgentRuntimeNothingIsQueued() {
        router.unsetAgents(runtime);
        assertThatThrownBy(() -> plugin.send(Recipient.parse("agent:ada"), "hi"))
                .hasMessage("cannot send to agent:ada: the agent runtime (dev.trellis.agent) is not running; nothing was queued")
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.AGENTS_UNAVAILABLE));
    }

    @Test
    void aGroupReachesEveryMember() {
        runtime.busy.add(AgentId.of("ada"));
        Delivery d = plugin.send(Recipient.parse("group:crew"), "meeting at noon");
        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.TURN_STARTED);
        assertThat(d.messageId()).startsWith("msg-");
        assertThat(runtime.inputs).extracting(FakeRuntime.Input::agent).containsExactly(AgentId.of("ada"), AgentId.of("bob"));
        runtime.busy.add(AgentId.of("bob"));
        assertThat(plugin.send(Recipient.parse("group:crew"), "again").outcome()).isEqualTo(Delivery.Outcome.QUEUED);
    }

    @Test
    void channelsGetTheMessageWithItsAuthorAndTheHighestRankedOneWins() {
        List<Message> low = new ArrayList<>();
        List<Message> high = new ArrayList<>();
        router.addChannel(low::add, Map.of(MessageChannel.NAME, "inbox", "service.id", 1L));
        router.addChannel(high::add, Map.of(MessageChannel.NAME, "inbox", "service.id", 2L, "service.ranking", 5));
        Delivery d = plugin.send(Recipient.parse("channel:inbox"), "hello outside");
        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.DELIVERED_TO_CHANNEL);
        assertThat(high).singleElement().isEqualTo(new Message(d.messageId(), new Recipient.Channel("inbox"),
                new MessageAuthor.Plugin(NOTIFIER), "hello outside", NOW));
        assertThat(low).isEmpty();
        router.removeChannel(null, Map.of(MessageChannel.NAME, "inbox", "service.id", 2L));
        plugin.send(Recipient.parse("channel:inbox"), "second");
        assertThat(low).hasSize(1);
    }

    @Test
    void channelErrors() {
        router.addChannel(m -> {
            throw new IllegalStateException("disk full");
        }, Map.of(MessageChannel.NAME, "broken", "service.id", 3L));
        assertThatThrownBy(() -> plugin.send(Recipient.parse("channel:broken"), "x"))
                .hasMessage("channel broken failed to deliver: IllegalStateException: disk full")
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CHANNEL_FAILED));
        assertThatThrownBy(() -> plugin.send(Recipient.parse("channel:mail"), "x"))
                .hasMessage("no channel 'mail' is registered (registered: broken)")
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CHANNEL_UNAVAILABLE));
    }

    @Test
    void theToolSendsAsTheCallingAgent() {
        runtime.busy.add(AgentId.of("bob"));
        ToolResult r = tool.invoke(new ToolCall("c1", "ada", "{\"to\":\"agent:bob\",\"body\":\"lunch?\"}"));
        assertThat(r.error()).isFalse();
        assertThat(r.content()).isEqualTo("sent to agent:bob (message turn-1); queued: it is busy and gets it after its current turn");
        assertThat(runtime.inputs).containsExactly(new FakeRuntime.Input(AgentId.of("bob"), new Author.Agent("ada"), "lunch?"));
        // a group message from a member does not come back to it
        tool.invoke(new ToolCall("c2", "ada", "{\"to\":\"group:crew\",\"body\":\"hi all\"}"));
        assertThat(runtime.inputs).extracting(FakeRuntime.Input::agent).containsExactly(AgentId.of("bob"), AgentId.of("bob"));
    }

    @Test
    void toolErrorsAreResultsTheModelCanReadAndSelfSendsAreRefused() {
        assertThat(tool.invoke(new ToolCall("c", "ada", "{\"to\":\"agent:ada\",\"body\":\"x\"}")))
                .isEqualTo(ToolResult.failure("send_message: you cannot send a message to yourself; write it to your memory instead"));
        assertThat(tool.invoke(new ToolCall("c", "ada", "{\"to\":\"bob\",\"body\":\"x\"}")))
                .isEqualTo(ToolResult.failure("send_message: recipient 'bob' must be 'agent:<id>', 'group:<id>' or 'channel:<name>'"));
        assertThat(tool.invoke(new ToolCall("c", "ada", "{\"to\":\"agent:zed\"}")))
                .isEqualTo(ToolResult.failure("send_message: needs the string arguments 'to' and 'body'"));
        assertThat(tool.invoke(new ToolCall("c", "ada", "{\"to\":\"channel:none\",\"body\":\"x\"}")))
                .isEqualTo(ToolResult.failure("send_message: no channel 'none' is registered"));
        assertThat(runtime.inputs).isEmpty();
    }
}
