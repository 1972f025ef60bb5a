package dev.trellis.benchmarks;

import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 5: what the gateway adds to one streamed request. The same {@code scripted/echo} request (a 16-word
 * prompt: 16 text deltas, usage, stop; the provider at zero delay) is played once directly by the scripted
 * provider instance and once through the gateway bound to that same instance. Both wait the same way (the
 * benchmark thread parks until the listener that sees the stop wakes it), so the difference of the two is the
 * gateway: routing, rate-limit check, attempt bookkeeping, watchdog scheduling, serialized delivery.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class GatewayBenchmark {

    static final ChatRequest REQUEST = ChatRequest.of(ModelId.parse("scripted/echo"), "",
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen");
    static final int EVENTS = 18;

    GatewayFixture fixture;

    @Setup
    public void start() {
        fixture = new GatewayFixture();
    }

    @TearDown
    public void stop() {
        fixture.close();
    }

    @Benchmark
    public int direct() {
        StreamWaiter w = new StreamWaiter(EVENTS);
        fixture.provider.stream(REQUEST, w);
        w.await();
        return EVENTS;
    }

    @Benchmark
    public int gateway() {
        StreamWaiter w = new StreamWaiter(EVENTS);
        fixture.gateway.stream(REQUEST, w);
        w.await();
        return EVENTS;
    }
}
