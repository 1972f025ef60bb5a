package dev.trellis.agent.internal.turn;

import dev.trellis.agent.internal.config.AgentSettings;
import dev.trellis.agent.internal.config.AgentSettings.Strategy;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.model.CacheProfile;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.GenerationParams;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.store.HistorySummary;
import dev.trellis.api.tool.ToolDescriptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Keeps an agent's history inside its context budget (reference §1.4, compaction). Before a turn is
 * composed, the request is estimated at 4 characters per token; when it exceeds the budget (context
 * window minus the reserve) and the history has at least the minimum number of messages, the oldest
 * whole turns are archived until the history fits in the keep share of the budget (the newest turn
 * always stays). A history longer than the optional message cap is cut the same way, to the keep share
 * of the cap. With {@code summarize}, the model first writes a summary of the archived turns that
 * folds in the previous summary (recursive summarisation); if that call fails, compaction falls back
 * to truncation and keeps the previous summary.
 */
final class Compactor {

    static final int CHARS_PER_TOKEN = 4;
    static final int DEFAULT_WINDOW = 128_000;
    /** Longest text of one message put into the summariser's transcript. */
    static final int TRANSCRIPT_CHARS_PER_MESSAGE = 2_000;

    static final String SUMMARY_SYSTEM = """
            You keep the running summary of a conversation between an AI agent and the people and programs that \
            message it. Write a new summary that keeps everything still useful from the previous summary and adds \
            the new part of the conversation: facts learned, decisions, open requests and promises, names, and what \
            the agent did with its tools. Be concise: at most 300 words, plain sentences, no preamble.""";

    /** Which messages go. */
    record Plan(List<Conversation.Entry> archived, long lastArchivedId, long tokensBefore, long tokensAfter) {
    }

    private Compactor() {
    }

    static long tokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    static long tokens(ChatMessage m) {
        long chars = 0;
        for (ContentPart p : m.parts()) {
            chars += switch (p) {
                case ContentPart.Text t -> t.text().length();
                case ContentPart.Thinking t -> t.text().length();
                case ContentPart.ToolCall c -> c.name().length() + c.argumentsJson().length();
                case ContentPart.ToolResult r -> r.content().length();
                case ContentPart.Image i -> 1_000 * CHARS_PER_TOKEN; // a rough per-image cost
            };
        }
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    static long budget(AgentSettings.Compaction c, int window) {
        return Math.max(window - (long) c.reserveTokens(), window / 2);
    }

    /** What to archive, if the history is over budget. */
    static Optional<Plan> plan(AgentSettings settings, int window, String system, List<ToolDescriptor> tools,
            Conversation conversation) {
        AgentSettings.Compaction c = settings.compaction();
        List<Conversation.Entry> entries = conversation.entries();
        if (c.strategy() == Strategy.NONE || entries.size() < c.minMessages()) {
            return Optional.empty();
        }
        long fixed = tokens(system);
        for (ToolDescriptor t : tools) {
            fixed += tokens(t.name()) + tokens(t.description()) + tokens(t.inputSchema());
        }
        long summary = conversation.summary().map(s -> tokens(s.summary())).orElse(0L);
        long history = 0;
        for (Conversation.Entry e : entries) {
            history += tokens(e.message());
        }
        long total = fixed + summary + history;
        long budget = budget(c, window);
        boolean tooMany = c.maxMessages() > 0 && entries.size() > c.maxMessages();
        if (total <= budget && !tooMany) {
            return Optional.empty();
        }
        long target = budget * c.keepPercent() / 100;
        long keepMessages = tooMany ? (long) c.maxMessages() * c.keepPercent() / 100 : Long.MAX_VALUE;
        // whole turns, oldest first; the newest turn always stays
        List<Conversation.Entry> archived = new ArrayList<>();
        long remaining = total;
        int i = 0;
        String lastTurn = entries.getLast().turnId();
        while (i < entries.size() && (remaining > target || entries.size() - archived.size() > keepMessages)) {
            String turn = entries.get(i).turnId();
            if (turn.equals(lastTurn)) {
                break;
            }
            while (i < entries.size() && entries.get(i).turnId().equals(turn)) {
                remaining -= tokens(entries.get(i).message());
                archived.add(entries.get(i));
                i++;
            }
        }
        if (archived.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Plan(List.copyOf(archived), archived.getLast().id(), total, remaining));
    }

    /** The summariser's input: the previous summary, then the archived messages as a transcript. */
    static String transcript(Optional<HistorySummary> previous, List<Conversation.Entry> archived) {
        StringBuilder out = new StringBuilder();
        previous.ifPresent(p -> out.append("Previous summary:\n").append(p.summary()).append("\n\n"));
        out.append("Conversation to add:\n");
        for (Conversation.Entry e : archived) {
            for (ContentPart p : e.message().parts()) {
                String line = switch (p) {
                    // memory snapshots and notices are not conversation; the summary need not repeat them
                    case ContentPart.Text t when t.text().startsWith("<system-reminder>") -> "";
                    case ContentPart.Text t -> e.message().role().name().toLowerCase(java.util.Locale.ROOT) + ": " + t.text();
                    case ContentPart.ToolCall c -> "assistant called " + c.name() + "(" + c.argumentsJson() + ")";
                    case ContentPart.ToolResult r -> (r.error() ? "tool error: " : "tool result: ") + r.content();
                    case ContentPart.Thinking t -> "";
                    case ContentPart.Image i -> "user: [image " + i.mediaType() + "]";
                };
                if (!line.isEmpty()) {
                    out.append(line.length() > TRANSCRIPT_CHARS_PER_MESSAGE
                            ? line.substring(0, TRANSCRIPT_CHARS_PER_MESSAGE) + " …" : line).append('\n');
                }
            }
        }
        return out.toString();
    }

    /**
     * Asks the model for the new summary.
     *
     * @throws ModelException if the model call fails
     */
    static HistorySummary summarize(ModelGateway gateway, AgentSettings settings, ModelId model,
            Optional<HistorySummary> previous, Plan plan, Instant now) throws InterruptedException {
        ChatRequest request = new ChatRequest(model, SUMMARY_SYSTEM,
                List.of(ChatMessage.user(transcript(previous, plan.archived()))), List.of(), GenerationParams.DEFAULT,
                CacheProfile.NONE);
        ModelCall call = new ModelCall(piece -> {
        });
        StreamHandle handle = gateway.stream(request, call);
        ModelCall.Answer answer;
        try {
            answer = call.await();
        } catch (InterruptedException e) {
            handle.cancel();
            throw e;
        }
        String text = answer.message().parts().stream().filter(ContentPart.Text.class::isInstance)
                .map(p -> ((ContentPart.Text) p).text()).reduce("", String::concat).strip();
        if (text.isEmpty()) {
            throw new IllegalStateException("the model returned an empty summary");
        }
        int depth = previous.map(p -> p.depth() + 1).orElse(1);
        long first = previous.map(HistorySummary::firstMessageId).orElse(plan.archived().getFirst().id());
        int count = plan.archived().size() + previous.map(HistorySummary::messageCount).orElse(0);
        return new HistorySummary(0, settings.definition().id().value(), text, depth,
                previous.map(p -> OptionalLong.of(p.id())).orElse(OptionalLong.empty()), first, plan.lastArchivedId(), count, now);
    }
}
