package dev.trellis.api.agent;

import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
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
 * @param groups        the groups it belongs to: messages to {@code group:<id>} reach every member
 *                      (since 1.1)
 */
public record AgentDefinition(AgentId id, String persona, ModelId model, String systemPrompt,
        List<BlockCreate> initialBlocks, Set<String> toolAllowList, Set<CapabilityClass> capabilities,
        IsolationPolicy isolation, Optional<String> project, Set<String> groups) {

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
        groups = Set.copyOf(Objects.requireNonNull(groups, "groups"));
    }

    /** A definition without groups; the constructor of version 1.0. */
    public AgentDefinition(AgentId id, String persona, ModelId model, String systemPrompt,
            List<BlockCreate> initialBlocks, Set<String> toolAllowList, Set<CapabilityClass> capabilities,
            IsolationPolicy isolation, Optional<String> project) {
        this(id, persona, model, systemPrompt, initialBlocks, toolAllowList, capabilities, isolation, project, Set.of());
    }

    /**
     * The memory the agent sees: its persona's {@code global:} scope, its project's {@code local:}
     * scope if any, and its isolation policy.
     *
     * @since 1.1
     */
    public ScopeBinding binding() {
        return new ScopeBinding(new Scope.Global(persona), project.map(Scope.Local::new), isolation);
    }

    /** True if a tool with this name and class is offered to the agent. */
    public boolean offers(String toolName, CapabilityClass capabilityClass) {
        return capabilities.contains(capabilityClass)
                && (toolAllowList.contains(ALL_TOOLS) || toolAllowList.contains(toolName));
    }
}
