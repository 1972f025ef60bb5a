package dev.trellis.api.tool;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A tool offered to agents, registered as an OSGi service by any bundle (whiteboard pattern).
 *
 * <p>Register it with the service property {@value #NAME} equal to {@code descriptor().name()} so the
 * host can find tools by name without calling into the bundle. Implementations must be thread-safe:
 * several agents may call one tool at the same time.
 *
 * <p>Contract for errors: a call the tool cannot carry out (bad arguments, missing block, denied
 * access) returns {@link ToolResult#failure(String)} with a message the model can act on. A thrown
 * runtime exception or a call that outlives the host's timeout is turned into an error result by the
 * host; it never ends the agent's turn.
 */
@ConsumerType
public interface Tool {

    /** Service property holding the tool name. */
    String NAME = "tool.name";

    /** Describes the tool; must return the same value for the life of the service. */
    ToolDescriptor descriptor();

    /**
     * Runs the tool.
     *
     * @param call the call, with arguments as JSON text
     * @return the result for the model; never null
     */
    ToolResult invoke(ToolCall call);
}
