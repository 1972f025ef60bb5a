package dev.trellis.agent.internal.turn;

import dev.trellis.agent.internal.config.AgentSettings;
import dev.trellis.agent.internal.config.AgentSettings.Strategy;
import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.TurnRecord;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.memory.prompt.MemoryPrompts;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.Role;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.store.HistorySummary;
import dev.trellis.api.store.NewMessage;
import dev.trellis.api.store.QueuedMessage;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreTransaction;
import dev.trellis.api.store.StoredMessage;
import dev.trellis.api.store.TurnLogEntry;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.api.tool.ToolResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One turn of one agent (reference §1.4): the loop of model calls and tool rounds for one input,
 * until a terminal stop reason, a failure, the max-model-calls guard or a cancel; then everything the
 * model saw and said is stored in one transaction together with the turn log entry and the removal of
 * the input from the queue. Events are published as things happen; the last one ({@code TurnEnded} or
 * {@code TurnFailed}) after the turn is stored.
 */
final class Turn {

    /** How a turn ended, for the agent's loop. */
    enum Outcome {
        /** Stored (ended normally or failed); the input leaves the queue. */
        DONE,
        /** No provider for the model: nothing stored, the input stays first in the queue. */
        RETRY
    }

    private static final StreamEvent.Usage ZERO = new StreamEvent.Usage(0, 0, 0, 0);

    private final AgentActor agent;
    private final Host host;
    private final QueuedMessage input;
    private final AgentSettings settings;
    private final Instant startedAt;
    /** The agent's model, or the default model as it is when the turn starts. */
    private final ModelId model;
    private final List<ChatMessage> messages = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<Instant> times = new ArrayList<>();
    private volatile int modelCalls;
    private volatile StreamEvent.Usage usage = ZERO;
    private volatile StreamHandle handle;
    private volatile boolean cancelled;
    /** Cancelled because the runtime stops: a turn the model has not answered yet stays queued for the next start. */
    private volatile boolean stopping;
    /** Set once the turn is stored (or given up): it no longer counts as running, even before its thread ends. */
    private volatile boolean finished;
    /** Position of the input among this turn's messages (after the reminders, if any). */
    private int inputIndex;

    Turn(AgentActor agent, Host host, QueuedMessage input, AgentSettings settings) {
        this.agent = agent;
        this.host = host;
        this.input = input;
        this.settings = settings;
        this.startedAt = host.clock().instant();
        this.model = settings.modelNamed() ? settings.definition().model() : host.defaultModel();
    }

    String id() {
        return input.turnId();
    }

    AgentId agentId() {
        return settings.definition().id();
    }

    /** The running turn as the turn log shows it. */
    TurnRecord record() {
        return new TurnRecord(input.turnId(), agentId(), input.author(), input.body(), startedAt, Optional.empty(),
                Optional.empty(), Optional.empty(), modelCalls, usage);
    }

    boolean finished() {
        return finished;
    }

    /** Asks the turn to stop: the model stream is cancelled, running tools finish. */
    void cancel() {
        cancel(false);
    }

    /**
     * @param stop the runtime is stopping: if the model has produced nothing yet, the input is not recorded as
     *             a cancelled turn but stays in the persisted queue and runs after the next start
     */
    void cancel(boolean stop) {
        stopping |= stop;
        cancelled = true;
        StreamHandle h = handle;
        if (h != null) {
            h.cancel();
        }
    }

    Outcome run() {
        publish(new AgentEvent.TurnStarted(agentId(), id()));
        Optional<ModelGateway> gateway = host.gateway();
        if (gateway.isEmpty()) {
            return retry("no model gateway is running");
        }
        Conversation conversation = agent.conversation();
        MemoryLens.Frame frame = MemoryLens.unchanged();
        try {
            conversation.ensureLoaded(host.store());
            List<ToolBoard.Entry> tools = host.tools().offeredTo(settings.definition());
            List<ToolDescriptor> descriptors = tools.stream().map(ToolBoard.Entry::descriptor).toList();
            Map<String, ToolBoard.Entry> byName = tools.stream().collect(Collectors.toMap(ToolBoard.Entry::name, Function.identity()));
            compactIfNeeded(gateway.get(), descriptors, conversation);

            ScopeBinding binding = settings.definition().binding();
            Optional<MemoryService> view = host.memory().map(m -> m.view(binding));
            Optional<MemoryPrompts> prompts = host.prompts();
            MemoryLens.Opening opening = open(view, prompts);
            frame = opening.frame();
            Composer.reminders(opening.snapshot(), opening.notices()).ifPresent(m -> add(m, ""));
            inputIndex = messages.size();
            add(ChatMessage.user(Composer.input(input.author(), input.body())), input.body());

            while (true) {
                if (cancelled) {
                    return modelCalls == 0 && stopping ? requeue() : fail("cancelled", conversation, frame);
                }
                if (modelCalls >= settings.maxModelCalls()) {
                    return fail("stopped after " + modelCalls + " model calls: the model kept calling tools (max.model.calls = "
                            + settings.maxModelCalls() + ")", conversation, frame);
                }
                ChatRequest request = Composer.request(settings, model, descriptors, conversation.summary(),
                        conversation.messages(), messages);
                ModelCall call = new ModelCall(this::onPiece);
                ModelCall.Answer answer;
                try {
                    handle = gateway.get().stream(request, call);
                    if (cancelled) {
                        handle.cancel();
                    }
                    answer = call.await();
                } catch (ModelException e) {
                    if (modelCalls == 0 && !call.anyOutput()) {
                        if (stopping) {
                            return requeue();
                        }
                        if (e.error() instanceof ModelError.ProviderUnavailable) {
                            return retry(e.getMessage());
                        }
                    }
                    return fail(e.error() instanceof ModelError.Cancelled ? "cancelled" : "model call failed: " + e.getMessage(),
                            conversation, frame);
                } finally {
                    handle = null;
                }
                modelCalls++;
                usage = sum(usage, answer.usage());
                add(answer.message(), text(answer.message()));
                if (answer.stop() != StopReason.TOOL_USE) {
                    return end(answer.stop(), conversation, frame);
                }
                if (answer.toolCalls().isEmpty()) {
                    return fail("the model stopped for tool use but called no tool", conversation, frame);
                }
                List<ContentPart> results = new ArrayList<>();
                List<String> offered = tools.stream().map(ToolBoard.Entry::name).toList();
                for (ContentPart.ToolCall c : answer.toolCalls()) {
                    ToolResult r = host.dispatcher().run(Optional.ofNullable(byName.get(c.name())), offered, c,
                            agentId().value(), binding, settings.toolTimeout());
                    results.add(new ContentPart.ToolResult(c.callId(), r.content(), r.error()));
                    publish(new AgentEvent.ToolResult(agentId(), id(), c.callId(), r.content(), r.error()));
                }
                add(new ChatMessage(Role.TOOL, results), "");
                if (view.isPresent() && prompts.isPresent()) {
                    List<String> notices = between(frame, view.get(), prompts.get());
                    if (!notices.isEmpty()) {
                        add(Composer.notices(notices), "");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(true);
            return modelCalls == 0 ? requeue() : fail("cancelled: the runtime is stopping", conversation, frame);
        } catch (RuntimeException e) {
            host.log().error("agent " + agentId() + " turn " + id() + " failed", e);
            return fail("the turn failed: " + e, conversation, frame);
        }
    }

    private MemoryLens.Opening open(Optional<MemoryService> view, Optional<MemoryPrompts> prompts) {
        if (view.isEmpty() || prompts.isEmpty()) {
            return new MemoryLens.Opening(Optional.empty(), List.of(), false, MemoryLens.unchanged());
        }
        try {
            return agent.lens().open(view.get(), prompts.get(), settings.snapshotFullEvery(), host.clock().instant());
        } catch (MemoryException e) {
            host.log().warn("agent " + agentId() + ": memory could not be read for the snapshot (" + e.getMessage()
                    + "); the turn goes on without it");
            return new MemoryLens.Opening(Optional.empty(), List.of(), false, MemoryLens.unchanged());
        }
    }

    private List<String> between(MemoryLens.Frame frame, MemoryService view, MemoryPrompts prompts) {
        try {
            return agent.lens().between(frame, view, prompts, host.clock().instant());
        } catch (MemoryException e) {
            host.log().warn("agent " + agentId() + ": memory could not be read between model calls: " + e.getMessage());
            return List.of();
        }
    }

    private void compactIfNeeded(ModelGateway gateway, List<ToolDescriptor> tools, Conversation conversation)
            throws InterruptedException {
        int window = settings.compaction().contextWindowTokens() > 0 ? settings.compaction().contextWindowTokens()
                : host.contextWindow(model).orElse(Compactor.DEFAULT_WINDOW);
        Optional<Compactor.Plan> plan = Compactor.plan(settings, window, Composer.system(settings.definition().systemPrompt()),
                tools, conversation);
        if (plan.isEmpty()) {
            return;
        }
        Compactor.Plan p = plan.get();
        Optional<HistorySummary> summary = Optional.empty();
        if (settings.compaction().strategy() == Strategy.SUMMARIZE) {
            try {
                summary = Optional.of(Compactor.summarize(gateway, settings, model, conversation.summary(), p,
                        host.clock().instant()));
            } catch (ModelException | IllegalStateException e) {
                host.log().warn("agent " + agentId() + ": the summary for compaction failed (" + e.getMessage()
                        + "); truncating instead");
            }
        }
        Optional<HistorySummary> toStore = summary;
        Optional<HistorySummary> stored = host.store().inTransaction((StoreTransaction tx) -> {
            Optional<HistorySummary> s = toStore.map(x -> tx.messages().addSummary(x));
            tx.messages().archiveThrough(agentId().value(), p.lastArchivedId());
            return s;
        });
        conversation.compacted(p.lastArchivedId(), stored);
        agent.lens().forceFull();
        host.log().info("agent " + agentId() + ": history compacted (" + settings.compaction().strategy().id() + "), "
                + p.archived().size() + " messages archived, about " + p.tokensBefore() + " -> " + p.tokensAfter() + " tokens");
    }

    private void onPiece(ModelCall.Piece piece) {
        switch (piece) {
            case ModelCall.TextPiece t -> publish(new AgentEvent.Text(agentId(), id(), t.delta()));
            case ModelCall.ThinkingPiece t -> publish(new AgentEvent.Thinking(agentId(), id(), t.delta()));
            case ModelCall.ToolPiece c -> publish(new AgentEvent.ToolCalled(agentId(), id(), c.call().callId(), c.call().name(),
                    c.call().argumentsJson()));
        }
    }

    private void add(ChatMessage message, String searchable) {
        messages.add(message);
        texts.add(searchable);
        times.add(host.clock().instant());
    }

    private Outcome retry(String why) {
        finished = true;
        agent.providerMissing(why);
        publish(new AgentEvent.TurnFailed(agentId(), id(), why + "; the input stays queued and is tried again in "
                + host.providerRetry().toMillis() + " ms"));
        return Outcome.RETRY;
    }

    /** The runtime stops before the model answered: nothing is stored, the input stays queued. */
    private Outcome requeue() {
        finished = true;
        publish(new AgentEvent.TurnFailed(agentId(), id(),
                "the runtime is stopping; the input stays queued and runs after the next start"));
        return Outcome.RETRY;
    }

    private Outcome end(StopReason stop, Conversation conversation, MemoryLens.Frame frame) {
        boolean stored = store(Optional.of(stop.id()), Optional.empty(), conversation, frame);
        finished = true;
        if (stored) {
            publish(new AgentEvent.TurnEnded(agentId(), id(), stop, usage));
        }
        return Outcome.DONE;
    }

    private Outcome fail(String why, Conversation conversation, MemoryLens.Frame frame) {
        boolean stored = store(Optional.empty(), Optional.of(why), conversation, frame);
        finished = true;
        if (stored) {
            publish(new AgentEvent.TurnFailed(agentId(), id(), why));
        }
        return Outcome.DONE;
    }

    /** Stores the turn; on failure says so in a TurnFailed event and returns false. */
    private boolean store(Optional<String> stop, Optional<String> failure, Conversation conversation, MemoryLens.Frame frame) {
        Instant ended = host.clock().instant();
        Scope scope = settings.definition().binding().defaultScope();
        String agentName = agentId().value();
        TurnLogEntry log = new TurnLogEntry(id(), agentName, input.author(), input.body(), startedAt, ended, stop, failure,
                modelCalls, usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), usage.cacheCreationTokens());
        List<NewMessage> rows = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            Optional<Author> author = i == inputIndex && !messages.isEmpty() ? Optional.of(input.author()) : Optional.empty();
            rows.add(new NewMessage(agentName, id(), i, m.role(), author, scope, Parts.toJson(m.parts()), texts.get(i), times.get(i)));
        }
        try {
            List<StoredMessage> stored = host.store().inTransaction((StoreTransaction tx) -> {
                List<StoredMessage> out = new ArrayList<>();
                for (NewMessage row : rows) {
                    out.add(tx.messages().append(row));
                }
                tx.messages().logTurn(log);
                tx.messageQueue().remove(id());
                return out;
            });
            List<Conversation.Entry> entries = new ArrayList<>();
            for (int i = 0; i < stored.size(); i++) {
                entries.add(new Conversation.Entry(stored.get(i).id(), id(), messages.get(i)));
            }
            if (!entries.isEmpty() && conversation.entries() != null) {
                conversation.append(entries);
            }
            agent.lens().commit(frame);
            agent.turnStored(ended);
            return true;
        } catch (StoreException e) {
            host.log().error("agent " + agentId() + ": turn " + id() + " could not be stored", e);
            conversation.invalidate();
            publish(new AgentEvent.TurnFailed(agentId(), id(), "the turn could not be stored: " + e.getMessage()));
            return false;
        }
    }

    private void publish(AgentEvent e) {
        agent.publish(e);
    }

    private static String text(ChatMessage m) {
        return m.parts().stream().filter(ContentPart.Text.class::isInstance).map(p -> ((ContentPart.Text) p).text())
                .collect(Collectors.joining("\n\n"));
    }

    private static StreamEvent.Usage sum(StreamEvent.Usage a, StreamEvent.Usage b) {
        return new StreamEvent.Usage(a.inputTokens() + b.inputTokens(), a.outputTokens() + b.outputTokens(),
                a.cacheReadTokens() + b.cacheReadTokens(), a.cacheCreationTokens() + b.cacheCreationTokens());
    }
}
