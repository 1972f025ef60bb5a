package dev.trellis.console.internal.agents;

import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.Registration;
import dev.trellis.api.agent.TurnRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Server-Sent Events connection: the agent's events as {@code event: <kind>} / {@code data: <json>}
 * frames, a comment every {@link #HEARTBEAT} so proxies and the browser keep the connection, and an end
 * after {@link #LIFETIME} (the browser's {@code EventSource} reconnects by itself). Runs on the request
 * thread; a write error (the browser went away) ends it.
 */
final class EventStream {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final int CAPACITY = 2048;

    private final AgentRuntime runtime;
    private final java.util.function.Supplier<AgentRuntime> current;
    private final AgentId agent;
    private final PrintWriter out;

    /** @param current the page's runtime now: when it is another (or none), the stream ends and the browser reconnects */
    EventStream(AgentRuntime runtime, java.util.function.Supplier<AgentRuntime> current, AgentId agent, PrintWriter out) {
        this.runtime = runtime;
        this.current = current;
        this.agent = agent;
        this.out = out;
    }

    void run() throws InterruptedException {
        BlockingQueue<AgentEvent> events = new ArrayBlockingQueue<>(CAPACITY);
        java.util.concurrent.atomic.AtomicBoolean overflow = new java.util.concurrent.atomic.AtomicBoolean();
        Registration r = runtime.listen(agent, e -> {
            if (!events.offer(e)) {
                overflow.set(true);
            }
        });
        try {
            send("ready", "{\"agent\":" + dev.trellis.console.internal.page.Json.str(agent.value()) + "}");
            long end = System.nanoTime() + LIFETIME.toNanos();
            while (System.nanoTime() < end && !out.checkError() && !overflow.get()) {
                AgentEvent e = events.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                if (e == null) {
                    if (current.get() != runtime) {
                        return; // the runtime was restarted or replaced: this registration hears nothing more
                    }
                    out.write(": keep-alive\n\n");
                    out.flush();
                    continue;
                }
                Optional<TurnRecord> started = e instanceof AgentEvent.TurnStarted
                        ? running(e.turnId()) : Optional.empty();
                send(AgentsJson.name(e), AgentsJson.event(e, started));
            }
        } finally {
            r.close();
        }
    }

    private Optional<TurnRecord> running(String turnId) {
        try {
            List<TurnRecord> t = runtime.turns(agent, 1);
            return t.stream().filter(x -> x.turnId().equals(turnId)).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void send(String name, String json) {
        out.write("event: " + name + "\ndata: " + json + "\n\n");
        out.flush();
    }
}
