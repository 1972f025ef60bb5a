package dev.trellis.api.agent;

import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.tool.CapabilityClass;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an agent is. Built by the agent bundle from its configuration; a changed configuration
 * yields a new definition that applies from the next turn.
 *
 * @param id            the agent
 * @param persona       the persona whose {@code global:} scope holds the agent's own memory
 * @param model         the model it talks to
 * @param systemPrompt  the system prompt
 * @param initialBlocks blocks created on first start if missing (never overwritten later)
 * @param toolAllowList tool names the agent may see; {@code "*"} allows every tool
 * @param capabilities  capability classes granted; a tool outside them is hidden even if allow-listed
 * @param isolation     how persona and project memory mix
 * @param project       the project the agent works in ({@code local:} scope), if any
 */
public record AgentDefinition(AgentId id, String persona, ModelId model, String systemPrompt,
        List<BlockCreate> initialBlocks, Set<String> toolAllowList, Set<CapabilityClass> capabilities,
        IsolationPolicy isolation, Optional<String> project) {

    /** Allow-list entry that admits every tool. */
    public static final String ALL_TOOLS = "*";

    public AgentDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(persona, "persona");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        initialBlocks = List.copyOf(Objects.requireNonNull(initialBlocks, "initialBlocks"));
        toolAllowList = Set.copyOf(Objects.requireNonNull(toolAllowList, "toolAllowList"));
        capabilities = Set.copyOf(Objects.requireNonNull(capabilities, "capabilities"));
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(project, "project");
    }

    /** True if a tool with this name and class is offered to the agent. */
    public boolean offers(String toolName, CapabilityClass capabilityClass) {
        return capabilities.contains(capabilityClass)
                && (toolAllowList.contains(ALL_TOOLS) || toolAllowList.contains(toolName));
    }
}
