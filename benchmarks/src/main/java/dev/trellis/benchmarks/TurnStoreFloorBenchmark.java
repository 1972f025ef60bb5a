package dev.trellis.benchmarks;


import dev.trellis.api.model.Role;
import dev.trellis.api.store.NewMessage;
import dev.trellis.api.store.StoreService;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.api.store.TurnLogEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The baseline of {@link AgentTurnBenchmark}: only the store work a text turn cannot avoid, through the store
 * SPI on the same file settings — the input's queue row in one transaction, then the turn's two messages
 * (FTS-indexed), its turn-log row and the queue row's removal in a second — with nothing else (no compose, no
 * memory reads, no model call, no thread hand-over, no events). The difference to {@code turnOverhead} is what
 * the runtime adds on top of persistence.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
public class TurnStoreFloorBenchmark {

    Path home;
    TrellisMemory memory;
    StoreService store;
    final AtomicLong turns = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        home = Sqlite.tempHome("turn-floor");
        memory = new TrellisMemory(home);
        store = memory.store();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.close();
        Sqlite.delete(home);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object storeATextTurn() {
        String turn = String.format("%024x", turns.incrementAndGet());
        store.inTransaction((StoreTransaction tx) -> tx.messageQueue().enqueue("floor", turn, AgentTurnBenchmark.HUMAN,
                AgentTurnBenchmark.INPUT));
        Instant now = Instant.now();
        dev.trellis.api.memory.Scope scope = dev.trellis.api.memory.Scope.global("floor");
        return store.inTransaction((StoreTransaction tx) -> {
            tx.messages().append(new NewMessage("floor", turn, 0, Role.USER, Optional.of(AgentTurnBenchmark.HUMAN), scope,
                    "[{\"type\":\"text\",\"text\":\"" + AgentTurnBenchmark.INPUT + "\"}]", AgentTurnBenchmark.INPUT, now));
            tx.messages().append(new NewMessage("floor", turn, 1, Role.ASSISTANT, Optional.empty(), scope,
                    "[{\"type\":\"text\",\"text\":\"" + TrellisAgents.ZeroLatencyGateway.ANSWER + "\"}]",
                    TrellisAgents.ZeroLatencyGateway.ANSWER, now));
            tx.messages().logTurn(new TurnLogEntry(turn, "floor", AgentTurnBenchmark.HUMAN, AgentTurnBenchmark.INPUT, now, now,
                    Optional.of("end_turn"), Optional.empty(), 1, 100, 50, 900, 0));
            return tx.messageQueue().remove(turn);
        });
    }
}
