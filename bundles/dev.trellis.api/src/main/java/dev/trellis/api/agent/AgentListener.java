package dev.trellis.api.agent;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives an agent's events, in order, from one thread at a time. Must return quickly: the turn
 * does not wait for listeners beyond a bounded buffer, and a listener that falls behind is removed
 * (its {@link Registration} is closed). Exceptions it throws are logged and ignored.
 */
@ConsumerType
@FunctionalInterface
public interface AgentListener {

    void onEvent(AgentEvent event);
}
