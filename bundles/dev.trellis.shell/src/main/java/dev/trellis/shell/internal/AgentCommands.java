package dev.trellis.shell.internal;

import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.AgentStatus;
import dev.trellis.api.agent.Registration;
import dev.trellis.api.agent.Submission;
import dev.trellis.api.memory.Author;
import dev.trellis.api.messaging.Delivery;
import dev.trellis.api.messaging.HostMessaging;
import dev.trellis.api.messaging.Recipient;
import dev.trellis.api.model.StreamEvent;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Gogo commands for agents: {@code trellis:agents}, {@code trellis:send <recipient> <text...>} (through
 * host messaging, authored {@code plugin dev.trellis.shell}) and {@code trellis:chat <agent> <text...>}
 * (as {@code human shell}, printing the turn as it streams until it ends). Both services are optional
 * and dynamic: without them the commands say what is missing.
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=trellis",
        "osgi.command.function=agents",
        "osgi.command.function=send",
        "osgi.command.function=chat"})
public final class AgentCommands {

    /** Longest a chat waits for its turn to end. */
    static final Duration CHAT_TIMEOUT = Duration.ofMinutes(10);
    static final String SHELL_USER = "shell";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AgentRuntime runtime;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HostMessaging messaging;

    public AgentCommands() {
    }

    AgentCommands(AgentRuntime runtime, HostMessaging messaging) {
        this.runtime = runtime;
        this.messaging = messaging;
    }

    @Descriptor("list the agents: model, state, queued inputs, last turn, problem")
    public String agents() {
        AgentRuntime r = runtime();
        List<AgentDefinition> agents = r.agents();
        if (agents.isEmpty()) {
            return "No agents are configured (add runtime-config/dev.trellis.agent-<name>.config).\n";
        }
        List<List<String>> rows = new ArrayList<>();
        for (AgentDefinition d : agents) {
            Optional<AgentStatus> s = r.status(d.id());
            rows.add(List.of(d.id().value(), d.model().toString(), s.map(x -> x.state().name()).orElse("?"),
                    Integer.toString(s.map(AgentStatus::queued).orElse(0)),
                    s.flatMap(AgentStatus::lastTurnAt).map(ShellFormat::time).orElse("never"),
                    s.flatMap(AgentStatus::problem).orElse("")));
        }
        return ShellFormat.table(List.of("AGENT", "MODEL", "STATE", "QUEUED", "LAST TURN", "PROBLEM"), rows)
                + agents.size() + (agents.size() == 1 ? " agent\n" : " agents\n");
    }

    @Descriptor("send a message through host messaging (authored plugin dev.trellis.shell)")
    public String send(@Descriptor("agent:<id>, group:<id> or channel:<name>") String recipient,
            @Descriptor("the message") String... words) {
        HostMessaging m = messaging;
        if (m == null) {
            throw new IllegalStateException("host messaging is not available: is dev.trellis.messaging active? (lb trellis)");
        }
        Recipient to = Recipient.parse(recipient);
        Delivery d = m.send(to, String.join(" ", words));
        return switch (d.outcome()) {
            case TURN_STARTED -> "Sent to " + to.format() + ": a turn started (" + d.messageId() + ").\n";
            case QUEUED -> "Queued for " + to.format() + ": it is handled after the current turn (" + d.messageId() + ").\n";
            case DELIVERED_TO_CHANNEL -> "Delivered to " + to.format() + " (" + d.messageId() + ").\n";
        };
    }

    @Descriptor("talk to an agent as 'human shell' and print its turn as it streams")
    public void chat(CommandSession session, @Descriptor("agent id") String agent, @Descriptor("the message") String... words)
            throws InterruptedException {
        chat(session.getConsole(), agent, String.join(" ", words), CHAT_TIMEOUT);
    }

    void chat(PrintStream out, String agent, String text, Duration timeout) throws InterruptedException {
        AgentRuntime r = runtime();
        AgentId id = AgentId.of(agent);
        BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();
        Registration listening = r.listen(id, events::add);
        try {
            Submission s = r.submit(id, new Author.Human(SHELL_USER), text);
            if (!s.startedTurn()) {
                out.println("(queued: " + s.ahead() + " ahead; waiting for its turn)");
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean inAnswer = false;
            while (true) {
                long left = deadline - System.nanoTime();
                AgentEvent e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
                if (e == null) {
                    out.println();
                    out.println("(no end of turn " + s.turnId() + " after " + timeout.toMinutes() + " min; it goes on:"
                            + " trellis:agents shows its state)");
                    return;
                }
                if (!e.turnId().equals(s.turnId())) {
                    continue;
                }
                switch (e) {
                    case AgentEvent.TurnStarted t -> out.println("turn " + t.turnId() + " started");
                    case AgentEvent.Text t -> {
                        if (!inAnswer) {
                            out.print(agent + ": ");
                            inAnswer = true;
                        }
                        out.print(t.delta());
                        out.flush();
                    }
                    case AgentEvent.Thinking t -> {
                    }
                    case AgentEvent.ToolCalled c -> {
                        inAnswer = endLine(out, inAnswer);
                        out.println("  -> " + c.toolName() + " " + ShellFormat.cell(c.argumentsJson()));
                    }
                    case AgentEvent.ToolResult t -> out.println("  <- " + (t.error() ? "error: " : "") + ShellFormat.cell(t.content()));
                    case AgentEvent.TurnEnded t -> {
                        endLine(out, inAnswer);
                        out.println("[" + t.reason().id() + ", " + usage(t.usage()) + "]");
                        return;
                    }
                    case AgentEvent.TurnFailed t -> {
                        endLine(out, inAnswer);
                        out.println("[failed: " + t.message() + "]");
                        return;
                    }
                }
            }
        } finally {
            listening.close();
        }
    }

    private static boolean endLine(PrintStream out, boolean inAnswer) {
        if (inAnswer) {
            out.println();
        }
        return false;
    }

    static String usage(StreamEvent.Usage u) {
        return u.inputTokens() + " in / " + u.outputTokens() + " out tokens, cache " + u.cacheReadTokens() + " read / "
                + u.cacheCreationTokens() + " written";
    }

    private AgentRuntime runtime() {
        AgentRuntime r = runtime;
        if (r == null) {
            throw new IllegalStateException("the agent runtime is not available: is dev.trellis.agent (and its store) active?"
                    + " (lb trellis)");
        }
        return r;
    }
}
