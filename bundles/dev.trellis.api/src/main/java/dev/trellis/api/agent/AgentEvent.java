package dev.trellis.api.agent;

import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import java.util.Objects;

/**
 * What happens during an agent's turn, in order: {@link TurnStarted}, then any number of
 * {@link Text}, {@link Thinking}, {@link ToolCalled} and {@link ToolResult}, then exactly one of
 * {@link TurnEnded} or {@link TurnFailed}. A turn spans several model calls when tools are used.
 * {@code turnId} ties the events of one turn together.
 */
public sealed interface AgentEvent permits AgentEvent.TurnStarted, AgentEvent.Text, AgentEvent.Thinking,
        AgentEvent.ToolCalled, AgentEvent.ToolResult, AgentEvent.TurnEnded, AgentEvent.TurnFailed {

    AgentId agent();

    String turnId();

    /** A turn began (input taken from the queue). */
    record TurnStarted(AgentId agent, String turnId) implements AgentEvent {
        public TurnStarted {
            check(agent, turnId);
        }
    }

    /** More answer text. */
    record Text(AgentId agent, String turnId, String delta) implements AgentEvent {
        public Text {
            check(agent, turnId);
            Objects.requireNonNull(delta, "delta");
        }
    }

    /** More reasoning text. */
    record Thinking(AgentId agent, String turnId, String delta) implements AgentEvent {
        public Thinking {
            check(agent, turnId);
            Objects.requireNonNull(delta, "delta");
        }
    }

    /** The model called a tool (arguments complete). */
    record ToolCalled(AgentId agent, String turnId, String callId, String toolName, String argumentsJson)
            implements AgentEvent {
        public ToolCalled {
            check(agent, turnId);
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(toolName, "toolName");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }
    }

    /** A tool call finished (an error result is still a result: the turn goes on). */
    record ToolResult(AgentId agent, String turnId, String callId, String content, boolean error)
            implements AgentEvent {
        public ToolResult {
            check(agent, turnId);
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(content, "content");
        }
    }

    /** The turn ended with a terminal stop reason; {@code usage} sums all model calls of the turn. */
    record TurnEnded(AgentId agent, String turnId, StopReason reason, StreamEvent.Usage usage) implements AgentEvent {
        public TurnEnded {
            check(agent, turnId);
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** The turn ended because of an error (model, memory, cancel); {@code message} says which. */
    record TurnFailed(AgentId agent, String turnId, String message) implements AgentEvent {
        public TurnFailed {
            check(agent, turnId);
            Objects.requireNonNull(message, "message");
        }
    }

    private static void check(AgentId agent, String turnId) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(turnId, "turnId");
    }
}
