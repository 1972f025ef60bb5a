package dev.trellis.api.agent;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs agents. The turn loop: compose (system prompt and tool schemas, history, memory state and
 * pending notices), stream from the model gateway, dispatch tool calls to {@code Tool} services,
 * repeat while the stop reason is {@code tool_use}, then persist. One turn at a time per agent.
 */
@ProviderType
public interface AgentRuntime {

    /** Definitions of all configured agents, ordered by id. */
    List<AgentDefinition> agents();

    /** @return the status, or empty if no such agent */
    Optional<AgentStatus> status(AgentId id);

    /**
     * Gives the agent input from a person (console, shell): starts a turn if it is idle, otherwise
     * queues the input for the turn after the current one. Returns at once.
     *
     * @return the id of the turn that will handle the input
     * @throws AgentException {@code UNKNOWN_AGENT}, {@code QUEUE_FULL}
     */
    String submit(AgentId id, String text);

    /**
     * Cancels the running turn (the model stream is cancelled; running tools finish). The turn ends
     * with {@link AgentEvent.TurnFailed}.
     *
     * @return false if the agent was not running a turn
     * @throws AgentException {@code UNKNOWN_AGENT}
     */
    boolean cancel(AgentId id);

    /**
     * Registers a listener for one agent's events from now on; close the result to stop.
     *
     * @throws AgentException {@code UNKNOWN_AGENT}
     */
    Registration listen(AgentId id, AgentListener listener);
}
