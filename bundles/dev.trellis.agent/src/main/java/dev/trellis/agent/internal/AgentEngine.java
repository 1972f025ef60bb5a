package dev.trellis.agent.internal;

import dev.trellis.agent.internal.config.AgentSettings;
import dev.trellis.agent.internal.config.SettingsParser;
import dev.trellis.agent.internal.turn.AgentActor;
import dev.trellis.agent.internal.turn.EventHub;
import dev.trellis.agent.internal.turn.Host;
import dev.trellis.agent.internal.turn.Log;
import dev.trellis.agent.internal.turn.Parts;
import dev.trellis.agent.internal.turn.ToolBoard;
import dev.trellis.agent.internal.turn.ToolDispatcher;
import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.agent.AgentEvent;
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
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.prompt.MemoryPrompts;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.store.StoreService;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.api.store.StoredMessage;
import dev.trellis.api.store.TurnLogEntry;
import dev.trellis.api.tool.Tool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The agent runtime's one shared instance: the agents by id, the services they use, the tool and
 * listener whiteboards. Registered under its own private class for this bundle's components; other
 * bundles reach it through the bundle-scoped {@link AgentRuntimeImpl}.
 *
 * <p>The gateway, memory, memory prompts, tools and listeners are dynamic and greedy: a provider or
 * gateway swap, a memory bundle update or a tool bundle leaving never restarts agents; a turn uses
 * what is bound when it needs it. The store is static: without it nothing can be persisted.
 */
@Component(service = AgentEngine.class, configurationPid = AgentEngine.PID)
@Designate(ocd = RuntimeConfig.class)
public final class AgentEngine implements Host {

    static final String PID = "dev.trellis.agent.runtime";
    static final ModelId FALLBACK_MODEL = ModelGateway.FALLBACK_MODEL;

    private final StoreService store;
    private final Log log;
    private final Clock clock;
    private final ToolBoard tools;
    private final ExecutorService toolExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final ToolDispatcher dispatcher = new ToolDispatcher(toolExecutor);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agent-runtime-timer");
        t.setDaemon(true);
        return t;
    });
    private final EventHub global;
    private final Map<AgentId, AgentActor> actors = new ConcurrentHashMap<>();
    private final Map<String, AgentId> idsByPid = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> propsByPid = new ConcurrentHashMap<>();
    private final Map<Long, Registration> whiteboard = new ConcurrentHashMap<>();
    private final Map<Long, ComponentServiceObjects<Tool>> toolObjects = new ConcurrentHashMap<>();
    private final Object defineLock = new Object();

    private final AtomicReference<ModelGateway> gateway = new AtomicReference<>();
    private final AtomicReference<MemoryService> memory = new AtomicReference<>();
    private final AtomicReference<MemoryPrompts> prompts = new AtomicReference<>();

    /** The runtime's own default model, if configured; else the gateway's. */
    private volatile Optional<ModelId> configuredDefault = Optional.empty();
    private volatile Set<String> trusted = Set.of();
    private volatile Duration stopTimeout = Duration.ofSeconds(10);
    private volatile Duration providerRetry = Duration.ofSeconds(5);

    @Activate
    public AgentEngine(@Reference StoreService store, @Reference(service = LoggerFactory.class) Logger logger,
            RuntimeConfig config) {
        this(store, new OsgiLog(logger), Clock.systemUTC());
        modified(config);
    }

    /** For tests: no OSGi. */
    AgentEngine(StoreService store, Log log, Clock clock) {
        this.store = store;
        this.log = log;
        this.clock = clock;
        this.tools = new ToolBoard(log);
        this.global = new EventHub(log);
    }

    @Modified
    void modified(RuntimeConfig config) {
        configure(config.default_model(), Set.of(config.trusted_bundles()), Duration.ofMillis(config.stop_timeout_ms()),
                Duration.ofMillis(Math.max(100, config.provider_retry_ms())));
    }

    void configure(String defaultModelText, Set<String> trustedBundles, Duration stop, Duration retry) {
        Optional<ModelId> model = Optional.empty();
        if (!defaultModelText.isBlank()) {
            try {
                model = Optional.of(ModelId.parse(defaultModelText.strip()));
            } catch (IllegalArgumentException e) {
                log.warn(PID + ": default.model: " + e.getMessage() + "; using the model gateway's default");
            }
        }
        trusted = Set.copyOf(trustedBundles);
        stopTimeout = stop;
        providerRetry = retry;
        if (!model.equals(configuredDefault)) {
            configuredDefault = model;
            redefine();
        }
    }

    /** Agents without a model of their own follow a new default from their next turn (and in {@code agents()}). */
    private void redefine() {
        propsByPid.forEach(this::define);
    }

    /**
     * The model of agents that name none: the runtime's {@code default.model} if set, else the gateway's
     * default, else {@code scripted/echo}.
     */
    @Override
    public ModelId defaultModel() {
        Optional<ModelId> configured = configuredDefault;
        if (configured.isPresent()) {
            return configured.get();
        }
        ModelGateway g = gateway.get();
        if (g == null) {
            return FALLBACK_MODEL;
        }
        try {
            return g.defaultModel();
        } catch (RuntimeException e) {
            return FALLBACK_MODEL;
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        List<Thread> stopping = new ArrayList<>();
        for (AgentActor a : actors.values()) {
            stopping.add(Thread.ofVirtual().start(() -> {
                try {
                    a.stop(stopTimeout);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : stopping) {
            t.join();
        }
        whiteboard.values().forEach(Registration::close);
        global.closeAll();
        timer.shutdownNow();
        toolExecutor.shutdownNow();
    }

    // ---- services (dynamic)

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setGateway(ModelGateway g) {
        gateway.set(g);
        if (configuredDefault.isEmpty()) {
            redefine();
        }
        actors.values().forEach(AgentActor::kick);
    }

    void unsetGateway(ModelGateway g) {
        gateway.compareAndSet(g, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setMemory(MemoryService m) {
        memory.set(m);
        actors.values().forEach(AgentActor::ensureInitialBlocks);
    }

    void unsetMemory(MemoryService m) {
        memory.compareAndSet(m, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPrompts(MemoryPrompts p) {
        prompts.set(p);
    }

    void unsetPrompts(MemoryPrompts p) {
        prompts.compareAndSet(p, null);
    }

    // ComponentServiceObjects: the tool's object is fetched when a turn first needs it (see ToolBoard)
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTool(ComponentServiceObjects<Tool> tool, Map<String, Object> props) {
        tools.add(serviceId(props), ranking(props), tool::getService);
        toolObjects.put(serviceId(props), tool);
    }

    void removeTool(ComponentServiceObjects<Tool> tool, Map<String, Object> props) {
        long id = serviceId(props);
        ComponentServiceObjects<Tool> objects = toolObjects.remove(id);
        tools.remove(id).ifPresent(e -> {
            if (objects != null) {
                try {
                    objects.ungetService(e.tool());
                } catch (RuntimeException ex) {
                    // the service is going away anyway
                }
            }
        });
    }

    /** For tests: a tool object registered as a service would be. */
    void addToolObject(Tool tool, Map<String, Object> props) {
        tools.add(serviceId(props), ranking(props), tool);
    }

    void removeToolObject(Map<String, Object> props) {
        tools.remove(serviceId(props));
    }

    // fetched on the first event, for the same reason as tools (a listener may use the runtime itself)
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ComponentServiceObjects<AgentListener> listener, Map<String, Object> props) {
        Optional<String> only = Optional.ofNullable(props.get(AgentRuntime.LISTENER_AGENT_ID)).map(String::valueOf);
        long id = serviceId(props);
        String name = "service " + id + only.map(a -> " (agent " + a + ")").orElse("");
        AtomicReference<AgentListener> object = new AtomicReference<>();
        whiteboard.put(id, global.subscribe(name, e -> {
            if (only.isEmpty() || only.get().equals(e.agent().value())) {
                AgentListener l = object.updateAndGet(x -> x != null ? x : listener.getService());
                l.onEvent(e);
            }
        }));
    }

    void removeListener(ComponentServiceObjects<AgentListener> listener, Map<String, Object> props) {
        Registration r = whiteboard.remove(serviceId(props));
        if (r != null) {
            r.close();
        }
    }

    private static long serviceId(Map<String, Object> props) {
        return props.get(Constants.SERVICE_ID) instanceof Number n ? n.longValue() : 0L;
    }

    private static int ranking(Map<String, Object> props) {
        return props.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    // ---- Host

    @Override
    public Optional<ModelGateway> gateway() {
        return Optional.ofNullable(gateway.get());
    }

    @Override
    public Optional<MemoryService> memory() {
        return Optional.ofNullable(memory.get());
    }

    @Override
    public Optional<MemoryPrompts> prompts() {
        return Optional.ofNullable(prompts.get());
    }

    @Override
    public StoreService store() {
        return store;
    }

    @Override
    public ToolBoard tools() {
        return tools;
    }

    @Override
    public ToolDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Log log() {
        return log;
    }

    @Override
    public Duration providerRetry() {
        return providerRetry;
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        try {
            timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the runtime is stopping
        }
    }

    @Override
    public OptionalInt contextWindow(ModelId model) {
        ModelGateway g = gateway.get();
        if (g == null) {
            return OptionalInt.empty();
        }
        try {
            return g.models().stream().filter(m -> m.id().equals(model)).map(ModelInfo::contextWindow)
                    .filter(OptionalInt::isPresent).findFirst().orElse(OptionalInt.empty());
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public void broadcast(AgentEvent event) {
        global.publish(event);
    }

    // ---- agents (configuration)

    /** A configuration arrived or changed. */
    void define(String pid, Map<String, Object> props) {
        synchronized (defineLock) {
            propsByPid.put(pid, Map.copyOf(props));
            SettingsParser.Result result = SettingsParser.parse(pid, props, defaultModel());
            Optional<AgentId> id = switch (result) {
                case SettingsParser.Valid v -> Optional.of(v.settings().definition().id());
                case SettingsParser.Invalid i -> i.id();
            };
            AgentId previous = idsByPid.get(pid);
            if (previous != null && !id.equals(Optional.of(previous))) {
                // the name changed: the old agent goes
                idsByPid.remove(pid);
                retire(previous);
            }
            if (id.isEmpty()) {
                log.error(((SettingsParser.Invalid) result).message() + "; no agent is started", null);
                return;
            }
            Optional<String> otherPid = idsByPid.entrySet().stream().filter(e -> e.getValue().equals(id.get())
                    && !e.getKey().equals(pid)).map(Map.Entry::getKey).findFirst();
            if (otherPid.isPresent()) {
                log.error(result.source() + ": agent '" + id.get() + "' is already defined by " + otherPid.get()
                        + "; this configuration is ignored", null);
                return;
            }
            idsByPid.put(pid, id.get());
            AgentActor actor = actors.computeIfAbsent(id.get(), a -> new AgentActor(a, this, new EventHub(log)));
            switch (result) {
                case SettingsParser.Valid v -> actor.configure(v.settings());
                case SettingsParser.Invalid i -> {
                    log.error(i.message() + "; the agent takes no turns until it is fixed (inputs are queued)", null);
                    actor.invalid(i.message());
                }
            }
            if (actor.retired()) {
                actor.revive();
            }
        }
    }

    /** A configuration was deleted: its agent finishes its turn, then stops. */
    void remove(String pid) {
        synchronized (defineLock) {
            propsByPid.remove(pid);
            AgentId id = idsByPid.remove(pid);
            if (id != null) {
                retire(id);
            }
        }
    }

    private void retire(AgentId id) {
        AgentActor actor = actors.get(id);
        if (actor == null) {
            return;
        }
        actor.retire();
        // drop it once its running turn (if any) has ended, unless it was defined again meanwhile
        Thread.ofVirtual().name("agent-retire-" + id).start(() -> {
            try {
                actor.stop(stopTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (defineLock) {
                if (actor.retired() && !idsByPid.containsValue(id)) {
                    actors.remove(id, actor);
                }
            }
        });
    }

    // ---- what the runtime facade needs

    boolean trusts(String bsn) {
        return trusted.contains(bsn);
    }

    List<AgentDefinition> agents() {
        List<AgentDefinition> out = new ArrayList<>();
        for (AgentId id : Set.copyOf(idsByPid.values())) {
            AgentActor a = actors.get(id);
            if (a != null) {
                a.settings().map(AgentSettings::definition).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing(AgentDefinition::id));
        return out;
    }

    Optional<AgentStatus> status(AgentId id) {
        return live(id).map(AgentActor::status);
    }

    Submission submit(AgentId id, Author author, String text) {
        return actor(id).submit(author, text);
    }

    boolean cancel(AgentId id) {
        return actor(id).cancel();
    }

    Registration listen(AgentId id, String who, AgentListener listener) {
        return actor(id).events().subscribe(who, listener);
    }

    List<TurnRecord> turns(AgentId id, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("turn limit must be >= 1, was " + limit);
        }
        AgentActor a = actor(id);
        List<TurnRecord> out = new ArrayList<>();
        a.runningTurn().ifPresent(out::add);
        if (out.size() < limit) {
            List<TurnLogEntry> logged = store.read((StoreTransaction tx) -> tx.messages().turns(id.value(), limit));
            for (TurnLogEntry t : logged) {
                if (out.size() < limit) {
                    out.add(record(id, t));
                }
            }
        }
        return out;
    }

    private static TurnRecord record(AgentId id, TurnLogEntry t) {
        return new TurnRecord(t.turnId(), id, t.author(), t.input(), t.startedAt(), Optional.of(t.endedAt()),
                t.stopReason().map(StopReason::parse), t.failure(), t.modelCalls(),
                new StreamEvent.Usage(t.inputTokens(), t.outputTokens(), t.cacheReadTokens(), t.cacheCreationTokens()));
    }

    List<ConversationMessage> conversation(AgentId id, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("message limit must be >= 1, was " + limit);
        }
        actor(id);
        List<StoredMessage> stored = store.read((StoreTransaction tx) -> tx.messages().newest(id.value(), limit));
        return stored.stream().map(AgentEngine::message).toList();
    }

    private static ConversationMessage message(StoredMessage m) {
        return new ConversationMessage(m.id(), m.turnId(), m.role(), m.author(),
                Parts.fromJson(m.contentJson()), m.text(), m.createdAt(), m.archived());
    }

    List<QueuedInput> queued(AgentId id) {
        return actor(id).queued();
    }

    private Optional<AgentActor> live(AgentId id) {
        AgentActor a = actors.get(id);
        return a == null || a.retired() ? Optional.empty() : Optional.of(a);
    }

    private AgentActor actor(AgentId id) {
        return live(id).orElseThrow(() -> new AgentException(AgentException.Reason.UNKNOWN_AGENT, id,
                "no such agent is configured (configured: " + known() + ")"));
    }

    private String known() {
        List<String> ids = idsByPid.values().stream().map(AgentId::value).sorted().toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    /** The OSGi logger behind {@link Log}. */
    private record OsgiLog(Logger logger) implements Log {
        public void info(String message) {
            logger.info(message);
        }

        public void warn(String message) {
            logger.warn(message);
        }

        public void error(String message, Throwable cause) {
            if (cause == null) {
                logger.error(message);
            } else {
                logger.error(message, cause);
            }
        }
    }
}
