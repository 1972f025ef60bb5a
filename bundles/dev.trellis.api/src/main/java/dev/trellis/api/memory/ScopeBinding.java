package dev.trellis.api.memory;

import java.util.Objects;
import java.util.Optional;

/**
 * The memory an agent sees: its persona's global scope, optionally a project's local scope, and the
 * policy that governs how they mix.
 *
 * @param persona the persona scope
 * @param project the project scope, if the agent works in a project
 * @param policy  isolation between the two (irrelevant without a project)
 */
public record ScopeBinding(Scope.Global persona, Optional<Scope.Local> project, IsolationPolicy policy) {
    public ScopeBinding {
        Objects.requireNonNull(persona, "persona");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(policy, "policy");
    }

    /** The scope new blocks go to when none is named: the project if any, else the persona. */
    public Scope defaultScope() {
        return project.<Scope>map(p -> p).orElse(persona);
    }
}
