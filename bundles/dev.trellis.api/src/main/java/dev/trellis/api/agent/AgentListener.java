package dev.trellis.api.agent;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives an agent's events, in order, from one thread at a time. Must return quickly: the turn
 * does not wait for listeners beyond a bounded buffer, and a listener that falls behind is removed
 * (its {@link Registration} is closed; a whiteboard listener is skipped until it is registered
 * again). Exceptions it throws are logged and ignored. Registered as a service it receives every
 * agent's events, or one agent's with the property {@value AgentRuntime#LISTENER_AGENT_ID}.
 */
@ConsumerType
@FunctionalInterface
public interface AgentListener {

    void onEvent(AgentEvent event);
}
