package dev.trellis.agent.internal.testing;

import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.api.tool.ToolResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Tools for tests: a recording one with a given behaviour. */
public final class Tools {

    private Tools() {
    }

    /** A tool that records its calls and answers with {@code behaviour}. */
    public static final class Recording implements Tool {
        public final List<ToolCall> calls = new CopyOnWriteArrayList<>();
        private final ToolDescriptor descriptor;
        private final Function<ToolCall, ToolResult> behaviour;

        public Recording(String name, CapabilityClass c, Function<ToolCall, ToolResult> behaviour) {
            this.descriptor = new ToolDescriptor(name, "Test tool " + name + ".",
                    "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\"}}}", c);
            this.behaviour = behaviour;
        }

        @Override
        public ToolDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public ToolResult invoke(ToolCall call) {
            calls.add(call);
            return behaviour.apply(call);
        }
    }

    public static Recording ok(String name, String answer) {
        return new Recording(name, CapabilityClass.OBSERVE, c -> ToolResult.ok(answer));
    }
}
