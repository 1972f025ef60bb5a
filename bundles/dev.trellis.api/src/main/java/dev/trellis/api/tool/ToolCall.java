package dev.trellis.api.tool;

import java.util.Objects;

/**
 * One invocation of a tool requested by a model.
 *
 * @param callId    the provider's id for this call, echoed back in the result
 * @param agentId   the agent on whose behalf the tool runs (the author of any write it makes)
 * @param arguments the arguments as JSON object text, as the model produced them (not yet validated)
 */
public record ToolCall(String callId, String agentId, String arguments) {
    public ToolCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(arguments, "arguments");
    }
}
