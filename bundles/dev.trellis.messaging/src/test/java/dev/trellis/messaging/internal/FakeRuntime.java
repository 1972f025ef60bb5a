package dev.trellis.messaging.internal;

import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.agent.AgentException;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentListener;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.AgentStatus;
import dev.trellis.api.agent.ConversationMessage;
import dev.trellis.api.agent.QueuedInput;
import dev.trellis.api.agent.Registration;
import dev.trellis.api.agent.Submission;
import dev.trellis.api.agent.TurnRecord;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.tool.CapabilityClass;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An agent runtime with fixed agents that records what it was given; busy agents queue. */
final class FakeRuntime implements AgentRuntime {

    record Input(AgentId agent, Author author, String text) {
    }

    final List<Input> inputs = Collections.synchronizedList(new ArrayList<>());
    final List<AgentDefinition> agents = new ArrayList<>();
    final Set<AgentId> busy = new java.util.HashSet<>();
    final Set<AgentId> full = new java.util.HashSet<>();

    FakeRuntime agent(String id, String... groups) {
        agents.add(new AgentDefinition(AgentId.of(id), id, ModelId.parse("scripted/echo"), "", List.of(), Set.of("*"),
                Set.of(CapabilityClass.OBSERVE), IsolationPolicy.NONE, Optional.empty(), Set.of(groups)));
        return this;
    }

    @Override
    public Submission submit(AgentId id, Author author, String text) {
        if (agents.stream().noneMatch(a -> a.id().equals(id))) {
            throw new AgentException(AgentException.Reason.UNKNOWN_AGENT, id, "no such agent is configured (configured: "
                    + String.join(", ", agents.stream().map(a -> a.id().value()).toList()) + ")");
        }
        if (full.contains(id)) {
            throw new AgentException(AgentException.Reason.QUEUE_FULL, id, "1000 inputs are waiting");
        }
        inputs.add(new Input(id, author, text));
        return new Submission("turn-" + inputs.size(), !busy.contains(id), busy.contains(id) ? 1 : 0);
    }

    @Override
    public List<AgentDefinition> agents() {
        return agents;
    }

    @Override
    public String submit(AgentId id, String text) {
        throw new UnsupportedOperationException("the router must name the author");
    }

    @Override
    public Optional<AgentStatus> status(AgentId id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean cancel(AgentId id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Registration listen(AgentId id, AgentListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<TurnRecord> turns(AgentId id, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ConversationMessage> conversation(AgentId id, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<QueuedInput> queued(AgentId id) {
        throw new UnsupportedOperationException();
    }
}
