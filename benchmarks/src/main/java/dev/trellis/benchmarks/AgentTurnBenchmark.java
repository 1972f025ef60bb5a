package dev.trellis.benchmarks;

import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.model.Role;
import dev.trellis.api.store.NewMessage;
import dev.trellis.api.store.StoreTransaction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Host overhead of an agent turn (issue 7) with a model that answers at once (no network): an in-process
 * zero-latency gateway, or the product gateway with the scripted provider ({@code model} parameter): submit an input → persist it in the queue → the
 * agent's turn thread composes (system prompt and tool schema, the stored history, a memory
 * snapshot read from the real memory service) → gateway → for {@code turn=tool} one tool dispatch and a
 * second model call → the turn is stored (messages, turn log, queue row) in one transaction → the
 * {@code TurnEnded} event reaches a listener. Real SQLite store (WAL) and memory bundle classes.
 *
 * <p>History stays at the configured size: the agent compacts (truncation) when it holds more than
 * {@code history} messages, down to 90 % of it, as an agent at its context budget does; that compaction
 * is part of the measured turns.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
public class AgentTurnBenchmark {

    static final Author HUMAN = new Author.Human("bench");
    static final String INPUT = "Please note that the beans were watered this morning. " + "y".repeat(150);

    @Param({"10", "100", "1000"})
    int history;

    /** {@code text}: one model call; {@code tool}: a tool call, its dispatch, then the answer. */
    @Param({"text", "tool"})
    String turn;

    /** {@code inprocess}: a gateway answering on the calling thread; {@code scripted}: the product gateway and scripted provider. */
    @Param({"inprocess", "scripted"})
    String model;

    Path home;
    TrellisAgents agents;
    AgentRuntime runtime;
    final AgentId id = AgentId.of("bench");
    final Ends ends = new Ends();

    /** Turn ends by turn id, whichever comes first: the event or the waiter. */
    static final class Ends {
        private final Map<String, CompletableFuture<AgentEvent>> byTurn = new ConcurrentHashMap<>();

        void record(AgentEvent e) {
            if (e instanceof AgentEvent.TurnEnded || e instanceof AgentEvent.TurnFailed) {
                byTurn.computeIfAbsent(e.turnId(), k -> new CompletableFuture<>()).complete(e);
            }
        }

        AgentEvent await(String turnId) throws Exception {
            AgentEvent e = byTurn.computeIfAbsent(turnId, k -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS);
            byTurn.remove(turnId);
            if (e instanceof AgentEvent.TurnFailed f) {
                throw new IllegalStateException("turn " + turnId + " failed: " + f.message());
            }
            return e;
        }
    }

    static void blocks(MemoryService memory, String persona) {
        memory.create(new BlockCreate(BlockAddress.of(dev.trellis.api.memory.Scope.global(persona), "persona"), Tier.CORE, Schema.TEXT,
                "Who I am", 5000, Permission.DEFAULT, false, "I am the benchmark agent. " + "p".repeat(200)));
        memory.create(new BlockCreate(BlockAddress.of(dev.trellis.api.memory.Scope.global(persona), "notes"), Tier.WORKING, Schema.TEXT,
                "Notes", 5000, Permission.DEFAULT, false, "beans: watered\n" + "n".repeat(400)));
        memory.create(new BlockCreate(BlockAddress.of(dev.trellis.api.memory.Scope.global(persona), "todo"), Tier.WORKING, Schema.LIST,
                "", 5000, Permission.DEFAULT, false, "[\"water beans\",\"weed\",\"harvest\"]"));
    }

    static Map<String, Object> agent(int maxMessages, boolean tools) {
        Map<String, Object> props = new HashMap<>();
        props.put("system.prompt", "You are the benchmark agent. " + "s".repeat(300));
        props.put("tools", tools ? new String[] {"*"} : new String[] {"nothing"});
        props.put("compaction.strategy", "truncate");
        props.put("compaction.min.messages", 1);
        props.put("compaction.max.messages", maxMessages);
        props.put("compaction.keep.percent", 90);
        props.put("context.window.tokens", 10_000_000);
        props.put("queue.limit", 100_000);
        return props;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        home = Sqlite.tempHome("agent");
        agents = new TrellisAgents(home, model);
        runtime = agents.runtime();
        blocks(agents.memory(), "bench");
        // the stored history the agent starts with: input/answer pairs of 200 characters
        agents.store().inTransaction((StoreTransaction tx) -> {
            for (int i = 0; i < history / 2; i++) {
                String t = String.format("%012x%012x", i, i);
                String q = "[{\"type\":\"text\",\"text\":\"" + INPUT + "\"}]";
                String a = "[{\"type\":\"text\",\"text\":\"" + TrellisAgents.ZeroLatencyGateway.ANSWER + "\"}]";
                tx.messages().append(new NewMessage("bench", t, 0, Role.USER, Optional.of(HUMAN), dev.trellis.api.memory.Scope.global("bench"), q,
                        INPUT, Instant.now()));
                tx.messages().append(new NewMessage("bench", t, 1, Role.ASSISTANT, Optional.empty(), dev.trellis.api.memory.Scope.global("bench"), a,
                        TrellisAgents.ZeroLatencyGateway.ANSWER, Instant.now()));
            }
            return null;
        });
        agents.define("bench", agent(history, turn.equals("tool")));
        runtime.listen(id, ends::record);
        ends.await(runtime.submit(id, HUMAN, INPUT).turnId()); // loads the history into the agent
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        agents.close();
        Sqlite.delete(home);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public AgentEvent turnOverhead() throws Exception {
        return ends.await(runtime.submit(id, HUMAN, INPUT).turnId());
    }
}
