package dev.trellis.agent.internal.turn;

import dev.trellis.agent.internal.config.AgentSettings;
import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentException;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.AgentState;
import dev.trellis.api.agent.AgentStatus;
import dev.trellis.api.agent.QueuedInput;
import dev.trellis.api.agent.Submission;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.store.QueuedMessage;
import dev.trellis.api.store.StoreTransaction;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent: its settings (swapped live by a configuration change, used from the next turn), its
 * persisted input queue, and the one thread that runs its turns in order. Inputs are persisted first,
 * then queued here; a turn removes its input from the store in the transaction that stores it, so an
 * input is never lost and a restart finds what was still waiting.
 */
public final class AgentActor {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgentId id;
    private final Host host;
    private final EventHub events;
    private final MemoryLens lens;
    private final Conversation conversation;
    private final Object lock = new Object();
    private final ArrayDeque<QueuedMessage> queue = new ArrayDeque<>();   // head = running or next
    private volatile AgentSettings settings;
    private volatile Optional<String> configProblem = Optional.empty();
    private volatile Optional<String> providerProblem = Optional.empty();
    private volatile Instant retryAt = Instant.MIN;
    private volatile Optional<Instant> lastTurnAt;
    private volatile Turn current;
    private volatile boolean initialBlocksDone;
    private boolean running;      // guarded by lock
    private boolean retired;      // guarded by lock

    /** Loads the agent's waiting inputs from the store; call {@link #configure} or {@link #invalid} next. */
    public AgentActor(AgentId id, Host host, EventHub events) {
        this.id = Objects.requireNonNull(id, "id");
        this.host = Objects.requireNonNull(host, "host");
        this.events = Objects.requireNonNull(events, "events");
        this.lens = new MemoryLens(new Author.Agent(id.value()));
        this.conversation = new Conversation(id.value());
        record Loaded(List<QueuedMessage> pending, Optional<Instant> last) {
        }
        Loaded loaded = host.store().read((StoreTransaction tx) -> new Loaded(tx.messageQueue().pending(id.value()),
                tx.messages().turns(id.value(), 1).stream().findFirst().map(t -> t.endedAt())));
        queue.addAll(loaded.pending());
        lastTurnAt = loaded.last();
    }

    public AgentId id() {
        return id;
    }

    public EventHub events() {
        return events;
    }

    /** The settings in force, or empty while the configuration is invalid. */
    public Optional<AgentSettings> settings() {
        return configProblem.isPresent() ? Optional.empty() : Optional.ofNullable(settings);
    }

    /** New settings; the running turn keeps its own, the next one uses these. */
    public void configure(AgentSettings value) {
        settings = Objects.requireNonNull(value, "settings");
        configProblem = Optional.empty();
        ensureInitialBlocks();
        kick();
    }

    /** The configuration is invalid: inputs wait until it is fixed. */
    public void invalid(String problem) {
        configProblem = Optional.of(problem);
    }

    MemoryLens lens() {
        return lens;
    }

    Conversation conversation() {
        return conversation;
    }

    void publish(AgentEvent e) {
        events.publish(e);
        host.broadcast(e);
    }

    /** Creates the initial blocks that are missing, once per activation, when memory is there. */
    public void ensureInitialBlocks() {
        AgentSettings s = settings;
        Optional<MemoryService> memory = host.memory();
        if (initialBlocksDone || s == null || memory.isEmpty()) {
            return;
        }
        boolean done = true;
        for (BlockCreate b : s.definition().initialBlocks()) {
            try {
                if (memory.get().metadata(b.address()).isEmpty()) {
                    memory.get().create(b);
                }
            } catch (MemoryException e) {
                if (!(e.error() instanceof MemoryError.AlreadyExists)) {
                    host.log().warn("agent " + id + ": initial block " + b.address() + " could not be created: " + e.getMessage());
                    done = !(e.error() instanceof MemoryError.StoreUnavailable) && done;
                }
            }
        }
        initialBlocksDone = done;
    }

    /** Persists the input, queues it and starts a turn if the agent is idle. */
    public Submission submit(Author author, String body) {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(body, "body");
        if (body.isBlank() || body.length() > AgentRuntime.MAX_INPUT_LENGTH) {
            throw new AgentException(AgentException.Reason.INVALID_INPUT, id, body.isBlank() ? "the input is empty"
                    : "the input has " + body.length() + " characters, more than " + AgentRuntime.MAX_INPUT_LENGTH);
        }
        synchronized (lock) {
            int limit = settings == null ? 1000 : settings.queueLimit();
            if (waiting() >= limit) {
                throw new AgentException(AgentException.Reason.QUEUE_FULL, id,
                        waiting() + " inputs are waiting (queue.limit " + limit + "); try again after its turn");
            }
            String turnId = newTurnId();
            QueuedMessage q = host.store().inTransaction((StoreTransaction tx) ->
                    tx.messageQueue().enqueue(id.value(), turnId, author, body));
            int ahead = waiting();
            boolean starts = !running && queue.isEmpty() && available();
            queue.addLast(q);
            startIfIdle();
            return new Submission(turnId, starts, starts ? 0 : ahead);
        }
    }

    /** Inputs waiting (the running one excluded). Caller holds the lock. */
    private int waiting() {
        return queue.size() - (running && current != null ? 1 : 0);
    }

    private boolean turnRunning() {
        Turn t = current;
        return t != null && !t.finished();
    }

    /** Starts the turn thread if there is work and nothing runs. */
    public void kick() {
        synchronized (lock) {
            startIfIdle();
        }
    }

    private void startIfIdle() {
        if (!running && !queue.isEmpty() && available()) {
            running = true;
            Thread.ofVirtual().name("agent-" + id).start(this::loop);
        }
    }

    private boolean available() {
        return !retired && configProblem.isEmpty() && settings != null && host.gateway().isPresent()
                && !host.clock().instant().isBefore(retryAt);
    }

    private void loop() {
        while (true) {
            QueuedMessage next;
            AgentSettings s;
            synchronized (lock) {
                if (queue.isEmpty() || !available()) {
                    running = false;
                    lock.notifyAll();
                    return;
                }
                next = queue.peekFirst();
                s = settings;
                current = new Turn(this, host, next, s);
            }
            Turn.Outcome outcome;
            try {
                outcome = current.run();
            } catch (RuntimeException e) {
                // Turn.run handles its own failures; this is a last guard so the loop never dies silently
                host.log().error("agent " + id + ": turn " + next.turnId() + " ended abnormally", e);
                outcome = Turn.Outcome.DONE;
            }
            synchronized (lock) {
                current = null;
                if (outcome == Turn.Outcome.DONE && queue.peekFirst() == next) {
                    queue.pollFirst();
                }
            }
        }
    }

    /** The model's provider is missing: wait, then try again. */
    void providerMissing(String why) {
        providerProblem = Optional.of(why);
        Duration retry = host.providerRetry();
        retryAt = host.clock().instant().plus(retry);
        host.schedule(this::retryWhenDue, retry);
    }

    private void retryWhenDue() {
        if (host.clock().instant().isBefore(retryAt)) {
            host.schedule(this::retryWhenDue, host.providerRetry());
        } else {
            kick();
        }
    }

    void turnStored(Instant at) {
        lastTurnAt = Optional.of(at);
        providerProblem = Optional.empty();
    }

    /** Cancels the running turn. @return false if none runs */
    public boolean cancel() {
        return cancel(false);
    }

    private boolean cancel(boolean stopping) {
        Turn t = current;
        if (t == null) {
            return false;
        }
        t.cancel(stopping);
        return true;
    }

    public AgentStatus status() {
        int waiting;
        boolean busy;
        synchronized (lock) {
            waiting = waiting();
            busy = running && turnRunning();
        }
        Optional<String> problem = configProblem.isPresent() ? configProblem
                : host.gateway().isEmpty() ? Optional.of("no model gateway is running; inputs are queued")
                : host.clock().instant().isBefore(retryAt) ? providerProblem : Optional.empty();
        AgentState state = busy ? AgentState.RUNNING : problem.isPresent() ? AgentState.UNAVAILABLE : AgentState.IDLE;
        return new AgentStatus(id, state, waiting, lastTurnAt, problem);
    }

    /** Waiting inputs, oldest first (the running one excluded). */
    public List<QueuedInput> queued() {
        synchronized (lock) {
            Turn t = current;
            return queue.stream().filter(q -> t == null || !q.turnId().equals(t.id()))
                    .map(q -> new QueuedInput(q.turnId(), q.author(), q.body(), q.queuedAt())).toList();
        }
    }

    /** The running turn, if any. */
    public Optional<dev.trellis.api.agent.TurnRecord> runningTurn() {
        Turn t = current;
        return t == null || t.finished() ? Optional.empty() : Optional.of(t.record());
    }

    /** The configuration was deleted: no new turn starts; the running one finishes. */
    public void retire() {
        synchronized (lock) {
            retired = true;
        }
    }

    /** The configuration came back while the agent was retiring. */
    public void revive() {
        synchronized (lock) {
            retired = false;
            startIfIdle();
        }
    }

    public boolean retired() {
        synchronized (lock) {
            return retired;
        }
    }

    /** True if no turn runs. */
    public boolean idle() {
        synchronized (lock) {
            return !running;
        }
    }

    /**
     * Retires the agent and waits for its running turn: up to {@code timeout}, then the turn is
     * cancelled and given a little more time to store itself. A turn the model had not answered yet is not
     * stored: its input stays in the persisted queue.
     */
    public void stop(Duration timeout) throws InterruptedException {
        retire();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (running && System.nanoTime() < deadline) {
                lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
        if (cancel(true)) {
            long grace = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            synchronized (lock) {
                while (running && System.nanoTime() < grace) {
                    lock.wait(Math.max(1, (grace - System.nanoTime()) / 1_000_000));
                }
            }
        }
        events.closeAll();
    }

    /** Time-ordered and unique: 12 hex digits of milliseconds, then 12 random ones. */
    static String newTurnId() {
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        return String.format("%012x", System.currentTimeMillis()) + HexFormat.of().formatHex(r);
    }
}
