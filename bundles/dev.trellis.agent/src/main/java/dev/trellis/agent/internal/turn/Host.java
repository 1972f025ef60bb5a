package dev.trellis.agent.internal.turn;

import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.prompt.MemoryPrompts;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.store.StoreService;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What agents need from the runtime: the services bound right now (any optional one may come and
 * go between calls), the tool whiteboard, a clock, logging and a timer.
 */
public interface Host {

    Optional<ModelGateway> gateway();

    /** The runtime's own (unbound) memory service; agents use {@code view(binding)} of it. */
    Optional<MemoryService> memory();

    Optional<MemoryPrompts> prompts();

    StoreService store();

    ToolBoard tools();

    ToolDispatcher dispatcher();

    Clock clock();

    Log log();

    /** How long an agent whose provider is missing waits before trying again. */
    Duration providerRetry();

    /** Runs {@code task} once after {@code delay}. */
    void schedule(Runnable task, Duration delay);

    /** The context window the gateway reports for the model, if it knows. */
    OptionalInt contextWindow(ModelId model);

    /** The model of agents that name none, now. */
    ModelId defaultModel();

    /** Every agent's events also go here (the listener whiteboard). */
    void broadcast(dev.trellis.api.agent.AgentEvent event);
}
