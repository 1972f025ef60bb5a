package dev.trellis.agent.internal.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.agent.internal.testing.RecordingLog;
import dev.trellis.agent.internal.testing.Tools;
import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.api.tool.ToolResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolBoardTest {

    final RecordingLog log = new RecordingLog();
    final ToolBoard board = new ToolBoard(log);

    static AgentDefinition agent(Set<String> allow, Set<CapabilityClass> caps) {
        return new AgentDefinition(AgentId.of("ada"), "ada", ModelId.parse("scripted/echo"), "", List.of(), allow, caps,
                IsolationPolicy.NONE, Optional.empty());
    }

    @Test
    void theAllowListAndTheCapabilityClassesBothDecide() {
        board.add(1, 0, Tools.ok("read", "x"));
        board.add(2, 0, new Tools.Recording("shell", CapabilityClass.ESCAPE, c -> ToolResult.ok("x")));
        board.add(3, 0, new Tools.Recording("write", CapabilityClass.MUTATE_INTERNAL, c -> ToolResult.ok("x")));
        assertThat(board.offeredTo(agent(Set.of("*"), Set.of(CapabilityClass.OBSERVE, CapabilityClass.MUTATE_INTERNAL))))
                .extracting(ToolBoard.Entry::name).containsExactly("read", "write");
        assertThat(board.offeredTo(agent(Set.of("write", "shell"), Set.of(CapabilityClass.OBSERVE, CapabilityClass.MUTATE_INTERNAL))))
                .extracting(ToolBoard.Entry::name).containsExactly("write");
        board.remove(3);
        assertThat(board.offeredTo(agent(Set.of("*"), Set.of(CapabilityClass.values())))).extracting(ToolBoard.Entry::name)
                .containsExactly("read", "shell");
    }

    @Test
    void theHigherRankedServiceWinsAName() {
        Tools.Recording low = Tools.ok("read", "low");
        Tools.Recording high = Tools.ok("read", "high");
        board.add(1, 0, low);
        board.add(2, 10, high);
        assertThat(board.offeredTo(agent(Set.of("*"), Set.of(CapabilityClass.OBSERVE)))).singleElement()
                .satisfies(e -> assertThat(e.tool()).isSameAs(high));
    }

    @Test
    void aToolWithoutADescriptorIsLeftOutAndLogged() {
        board.add(7, 0, new Tool() {
            public ToolDescriptor descriptor() {
                throw new IllegalStateException("not ready");
            }

            public ToolResult invoke(ToolCall call) {
                return ToolResult.ok("");
            }
        });
        assertThat(board.all()).isEmpty();
        assertThat(board.all()).isEmpty();
        assertThat(log.lines).singleElement().asString()
                .startsWith("ERROR tool service 7 has no usable descriptor; agents will not see it (java.lang.IllegalStateException: not ready)");
    }
}
