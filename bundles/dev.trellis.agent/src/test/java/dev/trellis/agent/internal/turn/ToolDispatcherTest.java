package dev.trellis.agent.internal.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.agent.internal.testing.RecordingLog;
import dev.trellis.agent.internal.testing.Tools;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.ToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a tool call can go wrong is an error result the model can read; none throws. */
class ToolDispatcherTest {

    static final ScopeBinding BINDING = new ScopeBinding(new Scope.Global("ada"), Optional.empty(), IsolationPolicy.NONE);
    final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    final ToolDispatcher dispatcher = new ToolDispatcher(executor);
    final ToolBoard board = new ToolBoard(new RecordingLog());

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    private ToolResult call(Tools.Recording tool, String args, Duration timeout) {
        board.add(1, 0, tool);
        ToolBoard.Entry entry = board.all().getFirst();
        return dispatcher.run(Optional.of(entry), List.of(tool.descriptor().name()),
                new ContentPart.ToolCall("c1", tool.descriptor().name(), args), "ada", BINDING, timeout);
    }

    @Test
    void aResultPassesThroughWithTheAgentAndItsBinding() {
        Tools.Recording t = Tools.ok("echo", "fine");
        assertThat(call(t, "{\"x\":\"1\"}", Duration.ofSeconds(5))).isEqualTo(ToolResult.ok("fine"));
        assertThat(t.calls).singleElement().satisfies(c -> {
            assertThat(c.callId()).isEqualTo("c1");
            assertThat(c.agentId()).isEqualTo("ada");
            assertThat(c.binding()).contains(BINDING);
        });
    }

    @Test
    void emptyArgumentsAreAnEmptyObject() {
        Tools.Recording t = Tools.ok("echo", "fine");
        assertThat(call(t, "", Duration.ofSeconds(5))).isEqualTo(ToolResult.ok("fine"));
        assertThat(t.calls.getFirst().arguments()).isEqualTo("{}");
    }

    @Test
    void anUnknownToolNamesTheToolsThereAre() {
        ToolResult r = dispatcher.run(Optional.empty(), List.of("memory_get", "hello"),
                new ContentPart.ToolCall("c1", "nope", "{}"), "ada", BINDING, Duration.ofSeconds(1));
        assertThat(r).isEqualTo(ToolResult.failure("there is no tool 'nope'. Tools you can call: memory_get, hello."));
        assertThat(dispatcher.run(Optional.empty(), List.of(), new ContentPart.ToolCall("c1", "nope", "{}"), "ada", BINDING,
                Duration.ofSeconds(1)).content()).isEqualTo("there is no tool 'nope'. Tools you can call: none.");
    }

    @Test
    void argumentsThatAreNotAJsonObjectNeverReachTheTool() {
        Tools.Recording t = Tools.ok("echo", "fine");
        ToolResult broken = call(t, "{\"x\": ", Duration.ofSeconds(1));
        assertThat(broken.error()).isTrue();
        assertThat(broken.content()).startsWith("the arguments of echo are not valid JSON (")
                .endsWith("): {\"x\": . Call it again with a JSON object.");
        assertThat(call(t, "[1,2]", Duration.ofSeconds(1)))
                .isEqualTo(ToolResult.failure("the arguments of echo must be a JSON object, got [1,2]."));
        assertThat(t.calls).isEmpty();
        String huge = "x".repeat(500);
        assertThat(call(t, huge, Duration.ofSeconds(1)).content()).contains("x".repeat(200) + "… (300 more chars)");
    }

    @Test
    void aThrowingToolIsAnErrorResult() {
        Tools.Recording t = new Tools.Recording("boom", CapabilityClass.OBSERVE, c -> {
            throw new IllegalArgumentException("no such garden");
        });
        assertThat(call(t, "{}", Duration.ofSeconds(1)))
                .isEqualTo(ToolResult.failure("tool boom failed: IllegalArgumentException: no such garden"));
        Tools.Recording npe = new Tools.Recording("npe", CapabilityClass.OBSERVE, c -> {
            throw new NullPointerException();
        });
        assertThat(call(npe, "{}", Duration.ofSeconds(1))).isEqualTo(ToolResult.failure("tool npe failed: NullPointerException"));
    }

    @Test
    void aToolReturningNullIsAnErrorResult() {
        assertThat(call(new Tools.Recording("nul", CapabilityClass.OBSERVE, c -> null), "{}", Duration.ofSeconds(1)))
                .isEqualTo(ToolResult.failure("tool nul returned no result."));
    }

    @Test
    void aToolThatOverrunsItsTimeoutIsAbandonedAndInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Tools.Recording slow = new Tools.Recording("slow", CapabilityClass.OBSERVE, c -> {
            try {
                new CountDownLatch(1).await(); // blocks until interrupted: the dispatcher must give up on it
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return ToolResult.ok("too late");
        });
        long start = System.nanoTime();
        assertThat(call(slow, "{}", Duration.ofMillis(200)))
                .isEqualTo(ToolResult.failure("tool slow did not finish within 200 ms; the call was abandoned."));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
