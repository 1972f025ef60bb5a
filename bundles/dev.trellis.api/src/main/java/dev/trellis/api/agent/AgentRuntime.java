package dev.trellis.api.agent;

import dev.trellis.api.memory.Author;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs agents. The turn loop: compose (system prompt and tool schemas, history, memory state and
 * pending notices), stream from the model gateway, dispatch tool calls to {@code Tool} services,
 * repeat while the stop reason is {@code tool_use}, then persist. One turn at a time per agent; each
 * input gets its own turn, in the order the inputs arrived.
 *
 * <p><b>Caller identity</b> (since 1.1). The service is registered with bundle scope, so the runtime
 * knows which bundle calls. {@link #submit(AgentId, String)} records the input as authored by that
 * bundle ({@code plugin <bsn>}); only the host's own surfaces (console, shell, messaging) may name
 * another author with {@link #submit(AgentId, Author, String)}.
 *
 * <p><b>Listener whiteboard</b> (since 1.1). Besides {@link #listen}, any bundle may register an
 * {@link AgentListener} service; it receives the events of every agent, or of one agent if the
 * service has the property {@value #LISTENER_AGENT_ID}.
 */
@ProviderType
public interface AgentRuntime {

    /**
     * Service property of an {@link AgentListener} service that limits it to one agent's events.
     *
     * @since 1.1
     */
    String LISTENER_AGENT_ID = "agent.id";

    /** Longest accepted input. @since 1.1 */
    int MAX_INPUT_LENGTH = 100_000;

    /** Definitions of all configured agents, ordered by id. */
    List<AgentDefinition> agents();

    /** @return the status, or empty if no such agent */
    Optional<AgentStatus> status(AgentId id);

    /**
     * Gives the agent input from the calling bundle (author {@code plugin <bsn>}): starts a turn if it
     * is idle, otherwise queues the input (persisted) for a turn after the current one. Returns at once.
     *
     * @return the id of the turn that will handle the input
     * @throws AgentException {@code UNKNOWN_AGENT}, {@code QUEUE_FULL}, {@code INVALID_INPUT}
     */
    String submit(AgentId id, String text);

    /**
     * Gives the agent input from a named author, as {@link #submit(AgentId, String)} does.
     *
     * @throws AgentException {@code NOT_TRUSTED} if the calling bundle is not one of the host surfaces
     *                        allowed to name authors; {@code UNKNOWN_AGENT}, {@code QUEUE_FULL},
     *                        {@code INVALID_INPUT}
     * @since 1.1
     */
    Submission submit(AgentId id, Author author, String text);

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

    /**
     * The agent's newest turns, newest first, the running one included.
     *
     * @param limit most turns, at least 1
     * @throws AgentException {@code UNKNOWN_AGENT}
     * @since 1.1
     */
    List<TurnRecord> turns(AgentId id, int limit);

    /**
     * The agent's newest stored messages (archived ones included), oldest first.
     *
     * @param limit most messages, at least 1
     * @throws AgentException {@code UNKNOWN_AGENT}
     * @since 1.1
     */
    List<ConversationMessage> conversation(AgentId id, int limit);

    /**
     * Inputs waiting for the agent, oldest first (the one a running turn handles is not among them).
     *
     * @throws AgentException {@code UNKNOWN_AGENT}
     * @since 1.1
     */
    List<QueuedInput> queued(AgentId id);
}
