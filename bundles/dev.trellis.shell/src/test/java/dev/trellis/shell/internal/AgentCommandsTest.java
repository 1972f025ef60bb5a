package dev.trellis.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentListener;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.AgentState;
import dev.trellis.api.agent.AgentStatus;
import dev.trellis.api.agent.Registration;
import dev.trellis.api.agent.Submission;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.messaging.Delivery;
import dev.trellis.api.messaging.HostMessaging;
import dev.trellis.api.messaging.Recipient;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.tool.CapabilityClass;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentCommandsTest {

    static final AgentId ADA = AgentId.of("ada");
    final List<Object[]> submitted = new ArrayList<>();
    final List<AgentListener> listeners = new ArrayList<>();
    /** Events the fake runtime plays to listeners when an input is submitted. */
    List<AgentEvent> script = List.of();

    final AgentRuntime runtime = (AgentRuntime) Proxy.newProxyInstance(AgentRuntime.class.getClassLoader(),
            new Class<?>[] {AgentRuntime.class}, (p, m, a) -> switch (m.getName()) {
                case "agents" -> List.of(new AgentDefinition(ADA, "ada", ModelId.parse("scripted/echo"), "", List.of(),
                        Set.of("*"), Set.of(CapabilityClass.OBSERVE), IsolationPolicy.NONE, Optional.empty()));
                case "status" -> Optional.of(new AgentStatus(ADA, AgentState.IDLE, 2,
                        Optional.of(Instant.parse("2026-03-04T05:06:07Z")), Optional.empty()));
                case "listen" -> {
                    listeners.add((AgentListener) a[1]);
                    yield (Registration) () -> listeners.remove(a[1]);
                }
                case "submit" -> {
                    submitted.add(a);
                    // events arrive from another thread, as in the runtime
                    Thread.ofVirtual().start(() -> script.forEach(e -> List.copyOf(listeners).forEach(l -> l.onEvent(e))));
                    yield new Submission("t1", true, 0);
                }
                default -> throw new AssertionError("unexpected " + m.getName());
            });

    @Test
    void agentsListsStateAndQueue() {
        String out = new AgentCommands(runtime, null).agents();
        assertThat(out).contains("AGENT").contains("ada").contains("scripted/echo").contains("IDLE").contains("2026-03-04 05:06:07Z")
                .endsWith("1 agent\n");
    }

    @Test
    void chatStreamsTheTurnAsHumanShellAndStopsAtItsEnd() throws Exception {
        script = List.of(new AgentEvent.TurnStarted(ADA, "other"), new AgentEvent.TurnStarted(ADA, "t1"),
                new AgentEvent.ToolCalled(ADA, "t1", "c1", "memory_get", "{\"address\":\"global:ada/notes\"}"),
                new AgentEvent.ToolResult(ADA, "t1", "c1", "no such block", true),
                new AgentEvent.Text(ADA, "t1", "Hello"), new AgentEvent.Text(ADA, "t1", ", Bob."),
                new AgentEvent.TurnEnded(ADA, "t1", StopReason.END_TURN, new StreamEvent.Usage(30, 12, 100, 3)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new AgentCommands(runtime, null).chat(new PrintStream(bytes, true, StandardCharsets.UTF_8), "ada", "hi there",
                Duration.ofSeconds(10));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                turn t1 started
                  -> memory_get {"address":"global:ada/notes"}
                  <- error: no such block
                ada: Hello, Bob.
                [end_turn, 30 in / 12 out tokens, cache 100 read / 3 written]
                """);
        assertThat(submitted).singleElement().satisfies(a -> assertThat(a[1]).isEqualTo(new Author.Human("shell")));
        assertThat(listeners).isEmpty();
    }

    @Test
    void sendGoesThroughHostMessaging() {
        List<String> sent = new ArrayList<>();
        HostMessaging messaging = (to, body) -> {
            sent.add(to.format() + " " + body);
            return new Delivery("m1", Delivery.Outcome.QUEUED);
        };
        assertThat(new AgentCommands(null, messaging).send("agent:ada", "water", "the", "beans"))
                .isEqualTo("Queued for agent:ada: it is handled after the current turn (m1).\n");
        assertThat(sent).containsExactly("agent:ada water the beans");
        assertThatThrownBy(() -> new AgentCommands(null, messaging).send("ada", "x"))
                .hasMessage("recipient 'ada' must be 'agent:<id>', 'group:<id>' or 'channel:<name>'");
        assertThatThrownBy(() -> new AgentCommands(null, null).send("agent:ada", "x"))
                .hasMessageStartingWith("host messaging is not available");
        assertThatThrownBy(() -> new AgentCommands(null, null).agents()).hasMessageStartingWith("the agent runtime is not available");
        assertThat(Recipient.parse("channel:inbox").format()).isEqualTo("channel:inbox");
    }
}
