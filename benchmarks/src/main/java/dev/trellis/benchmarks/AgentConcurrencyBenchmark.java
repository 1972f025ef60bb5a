package dev.trellis.benchmarks;

import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 100 agents turning at once on one agent runtime (issue 7): 100 benchmark threads, each with its own
 * agent, each submitting an input and waiting for that turn's {@code TurnEnded}; a model of
 * {@link TrellisAgents} that answers at once ({@code model}: the in-process gateway or the product gateway
 * with the scripted provider), the real SQLite store and memory. Throughput = turns per
 * second of the whole runtime; sample time = one turn's latency under that load. History is capped at
 * 20 messages per agent (compaction by truncation).
 */
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
public class AgentConcurrencyBenchmark {

    /** 100 agents on one runtime, each benchmark thread talking to its own agent. */
    @State(Scope.Benchmark)
    public static class Hundred {
        static final int AGENTS = 100;
        Path home;
        TrellisAgents agents;
        AgentRuntime runtime;
        final AgentTurnBenchmark.Ends ends = new AgentTurnBenchmark.Ends();
        final AtomicInteger next = new AtomicInteger();

        @Param({"inprocess", "scripted"})
        String model;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            home = Sqlite.tempHome("agents");
            agents = new TrellisAgents(home, model);
            runtime = agents.runtime();
            for (int i = 0; i < AGENTS; i++) {
                AgentTurnBenchmark.blocks(agents.memory(), "a" + i);
                agents.define("a" + i, AgentTurnBenchmark.agent(20, false));
                runtime.listen(AgentId.of("a" + i), ends::record);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            agents.close();
            Sqlite.delete(home);
        }
    }

    /** The agent of one benchmark thread. */
    @State(Scope.Thread)
    public static class Mine {
        AgentId agent;

        @Setup(Level.Trial)
        public void pick(Hundred h) {
            agent = AgentId.of("a" + (h.next.getAndIncrement() % Hundred.AGENTS));
        }
    }

    /** Turns per second of the whole runtime. */
    @Benchmark
    @Threads(Hundred.AGENTS)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AgentEvent turnsPerSecond(Hundred h, Mine mine) throws Exception {
        return turn(h, mine);
    }

    /** One turn's latency (submit to TurnEnded) while 99 other agents turn too. */
    @Benchmark
    @Threads(Hundred.AGENTS)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public AgentEvent turnLatency(Hundred h, Mine mine) throws Exception {
        return turn(h, mine);
    }

    private static AgentEvent turn(Hundred h, Mine mine) throws Exception {
        return h.ends.await(h.runtime.submit(mine.agent, AgentTurnBenchmark.HUMAN, AgentTurnBenchmark.INPUT).turnId());
    }
}
