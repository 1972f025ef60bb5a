package dev.trellis.agent.internal;

import static org.awaitility.Awaitility.await;

import dev.trellis.agent.internal.testing.TestRuntime;
import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.tool.Tool;
import dev.trellis.memory.internal.MemoryPromptsImpl;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** An {@link AgentEngine} without OSGi on a real SQLite file, with the fake gateway and memory bound. */
final class EngineFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    final TestRuntime rt;
    final AgentEngine engine;
    /** The runtime as the trusted console sees it. */
    final AgentRuntime console;
    private final AtomicLong serviceIds = new AtomicLong(100);

    EngineFixture(Path dir) {
        rt = new TestRuntime(dir);
        engine = new AgentEngine(rt.store, rt.log, rt.clock);
        engine.configure("scripted/echo", Set.of("dev.trellis.console", "dev.trellis.messaging"), Duration.ofSeconds(5),
                Duration.ofMillis(100));
        engine.setGateway(rt.gateway);
        engine.setMemory(rt.memory);
        engine.setPrompts(new MemoryPromptsImpl(ZoneOffset.UTC));
        console = new AgentRuntimeImpl(engine, "dev.trellis.console");
    }

    /** Defines agent {@code name} with these properties (plus nothing else). */
    void agent(String name, Map<String, Object> props) {
        engine.define("dev.trellis.agent~" + name, props);
    }

    static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Registers a tool as a service would be; returns its service id. */
    long tool(Tool tool) {
        long id = serviceIds.incrementAndGet();
        engine.addToolObject(tool, Map.of("service.id", id, "service.ranking", 0));
        return id;
    }

    void removeTool(Tool tool, long id) {
        engine.removeToolObject(Map.of("service.id", id));
    }

    /** Records an agent's events. */
    Events listen(String agent) {
        Events e = new Events();
        console.listen(AgentId.of(agent), e.events::add);
        return e;
    }

    /** Defines agent {@code name} again (default properties) and records its events from now on. */
    Events listen2(String name) {
        agent(name, props());
        return listen(name);
    }

    static final class Events {
        final List<AgentEvent> events = new CopyOnWriteArrayList<>();

        /** Waits until {@code n} turns have ended (normally or not). */
        List<AgentEvent> awaitTurns(int n) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> ends() >= n);
            return List.copyOf(events);
        }

        long ends() {
            return events.stream().filter(e -> e instanceof AgentEvent.TurnEnded || e instanceof AgentEvent.TurnFailed).count();
        }

        <T extends AgentEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    @Override
    public void close() throws Exception {
        engine.deactivate();
        rt.close();
    }
}
