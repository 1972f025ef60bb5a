package dev.trellis.benchmarks;

import dev.trellis.agent.internal.AgentRuntimeImpl;
import dev.trellis.agent.internal.turn.Log;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.ProviderStatus;
import dev.trellis.api.memory.prompt.MemoryPrompts;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.Role;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.api.tool.ToolResult;
import dev.trellis.memory.internal.MemoryPromptsImpl;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The agent runtime of the host on the memory stack of {@link TrellisMemory}: the real
 * {@code AgentEngine} (store, memory, memory prompts, tool board) and the bundle-scoped runtime facade as
 * the console gets it, with a model that answers at once: either an in-process gateway that answers on
 * the calling thread ({@code inprocess}), or the product gateway with the scripted provider
 * ({@code scripted}: {@link GatewayFixture}, model {@code scripted/bench} defined as a factory
 * configuration would, which streams on the provider's virtual thread). The engine's configuration and
 * service-binding methods are package-private (SCR calls them), so they are called by reflection here,
 * as SCR does.
 */
final class TrellisAgents implements AutoCloseable {

    private final TrellisMemory memory;
    private final Object engine;
    private final AgentRuntime console;
    private final GatewayFixture scripted;

    /**
     * The scripted model's turns, the conversation of {@link ZeroLatencyGateway}: after a tool round the
     * answer; when {@code lookup} is offered a call of it; else the answer.
     */
    static final String SCRIPT = """
            turns:
              - when: { tool: "." }
                reply: [ { say: ["%1$s"] } ]
              - when: { offered: lookup }
                reply: [ { call: lookup, args: { key: beans } } ]
              - reply: [ { say: ["%1$s"] } ]
            """.formatted(ZeroLatencyGateway.ANSWER);

    TrellisAgents(Path home) throws Exception {
        this(home, "inprocess");
    }

    /** @param model {@code inprocess} or {@code scripted} (see the class comment) */
    TrellisAgents(Path home, String model) throws Exception {
        memory = new TrellisMemory(home);
        Class<?> type = Class.forName("dev.trellis.agent.internal.AgentEngine");
        Constructor<?> ctor = type.getDeclaredConstructor(dev.trellis.api.store.StoreService.class, Log.class, Clock.class);
        ctor.setAccessible(true);
        engine = ctor.newInstance(memory.store(), Log.NONE, Clock.systemUTC());
        ModelGateway gateway;
        String defaultModel;
        switch (model) {
            case "inprocess" -> {
                scripted = null;
                gateway = new ZeroLatencyGateway();
                defaultModel = "zero/latency";
            }
            case "scripted" -> {
                scripted = new GatewayFixture();
                Method define = scripted.provider.getClass().getDeclaredMethod("define", String.class, String.class,
                        String.class);
                define.setAccessible(true);
                define.invoke(scripted.provider, "dev.trellis.provider.scripted.model~bench", "bench", SCRIPT);
                gateway = scripted.gateway;
                defaultModel = "scripted/bench";
            }
            default -> throw new IllegalArgumentException("model must be inprocess or scripted, was " + model);
        }
        call("configure", new Class<?>[] {String.class, Set.class, Duration.class, Duration.class},
                defaultModel, Set.of("dev.trellis.console"), Duration.ofSeconds(10), Duration.ofSeconds(1));
        call("setGateway", new Class<?>[] {ModelGateway.class}, gateway);
        call("setMemory", new Class<?>[] {dev.trellis.api.memory.MemoryService.class}, memory.memoryFor("dev.trellis.agent"));
        call("setPrompts", new Class<?>[] {MemoryPrompts.class}, new MemoryPromptsImpl());
        call("addToolObject", new Class<?>[] {Tool.class, Map.class}, new LookupTool(), Map.of("service.id", 1L));
        Constructor<AgentRuntimeImpl> facade = AgentRuntimeImpl.class.getDeclaredConstructor(type, String.class);
        facade.setAccessible(true);
        console = facade.newInstance(engine, "dev.trellis.console");
    }

    /** The memory service the benchmark itself writes blocks with. */
    dev.trellis.api.memory.MemoryService memory() {
        return memory.memoryFor("dev.trellis.benchmarks");
    }

    dev.trellis.api.store.StoreService store() {
        return memory.store();
    }

    /** Defines an agent as a configuration file {@code dev.trellis.agent-<name>.config} would. */
    void define(String name, Map<String, Object> props) throws Exception {
        call("define", new Class<?>[] {String.class, Map.class}, "dev.trellis.agent~" + name, props);
    }

    AgentRuntime runtime() {
        return console;
    }

    private Object call(String method, Class<?>[] types, Object... args) throws Exception {
        Method m = engine.getClass().getDeclaredMethod(method, types);
        m.setAccessible(true);
        return m.invoke(engine, args);
    }

    @Override
    public void close() throws Exception {
        call("deactivate", new Class<?>[0]);
        if (scripted != null) {
            scripted.close();
        }
        memory.close();
    }

    /**
     * Answers on the calling thread before {@code stream} returns, so a turn measures only the host: if
     * the request offers {@code lookup} and the last message is the input, it calls {@code lookup}
     * once; otherwise it answers with a fixed text. Usage figures are fixed.
     */
    static final class ZeroLatencyGateway implements ModelGateway {
        static final String ANSWER = "Noted. " + "x".repeat(180);
        private static final StreamEvent.Usage USAGE = new StreamEvent.Usage(100, 50, 900, 0);

        @Override
        public StreamHandle stream(ChatRequest request, StreamListener listener) {
            ChatMessage last = request.messages().getLast();
            boolean offersTool = request.tools().stream().anyMatch(t -> t.name().equals(LookupTool.NAME));
            if (offersTool && last.role() == Role.USER && last.parts().getLast() instanceof ContentPart.Text) {
                listener.onEvent(new StreamEvent.ToolCallStart(0, "c1", LookupTool.NAME));
                listener.onEvent(new StreamEvent.ToolCallDelta(0, "{\"key\":\"beans\"}"));
                listener.onEvent(new StreamEvent.ToolCallEnd(0));
                listener.onEvent(USAGE);
                listener.onEvent(new StreamEvent.Stop(StopReason.TOOL_USE));
                return done(StopReason.TOOL_USE);
            }
            listener.onEvent(new StreamEvent.TextDelta(ANSWER));
            listener.onEvent(USAGE);
            listener.onEvent(new StreamEvent.Stop(StopReason.END_TURN));
            return done(StopReason.END_TURN);
        }

        private static StreamHandle done(StopReason reason) {
            return new Done(CompletableFuture.completedFuture(reason));
        }

        /** A stream that is over before {@code stream} returns: nothing to cancel. */
        private record Done(CompletionStage<StopReason> completion) implements StreamHandle {
            @Override
            public void cancel() {
            }
        }

        @Override
        public List<ModelInfo> models() {
            return List.of();
        }

        @Override
        public List<ProviderStatus> status() {
            return List.of();
        }

    }

    /** A tool that answers at once. */
    static final class LookupTool implements Tool {
        static final String NAME = "lookup";
        private static final ToolDescriptor D = new ToolDescriptor(NAME, "Looks a key up.",
                "{\"type\":\"object\",\"properties\":{\"key\":{\"type\":\"string\"}}}", CapabilityClass.OBSERVE);

        public ToolDescriptor descriptor() {
            return D;
        }

        public ToolResult invoke(ToolCall call) {
            return ToolResult.ok("beans: 2 rows, watered");
        }
    }
}
