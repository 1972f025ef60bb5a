package dev.trellis.api.tool;

import dev.trellis.api.memory.ScopeBinding;
import java.util.Objects;
import java.util.Optional;

/**
 * One invocation of a tool requested by a model.
 *
 * @param callId    the provider's id for this call, echoed back in the result
 * @param agentId   the agent on whose behalf the tool runs (the author of any write it makes)
 * @param arguments the arguments as JSON object text, as the model produced them (not yet validated)
 * @param binding   the memory the agent may see (its persona, project and isolation policy), set by
 *                  the agent runtime from the agent's definition; tools that touch memory apply it
 *                  through {@code MemoryService.view(binding)}. Empty when the caller is not a bound
 *                  agent (tests, admin surfaces): such calls see every scope. Since 1.1.
 */
public record ToolCall(String callId, String agentId, String arguments, Optional<ScopeBinding> binding) {
    public ToolCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(binding, "binding");
    }

    /** A call without a memory binding (sees every scope); the constructor of version 1.0. */
    public ToolCall(String callId, String agentId, String arguments) {
        this(callId, agentId, arguments, Optional.empty());
    }
}
