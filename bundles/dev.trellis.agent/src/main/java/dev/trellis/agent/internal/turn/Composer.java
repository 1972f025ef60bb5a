package dev.trellis.agent.internal.turn;

import dev.trellis.agent.internal.config.AgentSettings;
import dev.trellis.api.memory.Author;
import dev.trellis.api.model.CacheProfile;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.Role;
import dev.trellis.api.store.HistorySummary;
import dev.trellis.api.tool.ToolDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds model requests from the three cache segments (reference §1.5): (1) the system prompt with
 * the base instructions and the tool schemas, sorted by name; (2) the stored history, opened by the
 * newest compaction summary if there is one; (3) the current turn: its opening user message carries
 * the memory snapshot and pending notices as {@code <system-reminder>} parts before the input, and
 * notices that arrive between model calls follow the tool results as a user message of their own.
 * Everything of segment 3 is stored with the turn, so a later request repeats it unchanged and the
 * provider's prompt cache keeps matching.
 */
final class Composer {

    /** Appended to every system prompt: how to read what segment 3 shows. */
    static final String BASE_INSTRUCTIONS = """
            Your memory is shown in <system-reminder> messages. [memory:current_state] is a snapshot of the \
            blocks you can see: a full one now and then, in between a delta that lists every block and shows \
            again only the blocks you changed. [memory:written], [memory:updated] and [memory:deleted] tell you \
            what someone else changed, with a diff. Read and change your memory with the memory tools; it stays \
            across conversations. An input that does not come from the person you talk with starts with \
            [message from <sender>].""";

    private Composer() {
    }

    /** The system text: the agent's prompt, a blank line, the base instructions. */
    static String system(String systemPrompt) {
        return systemPrompt.isBlank() ? BASE_INSTRUCTIONS : systemPrompt.strip() + "\n\n" + BASE_INSTRUCTIONS;
    }

    /** {@code <system-reminder>\n...\n</system-reminder>} (reference §1.6). */
    static String reminder(String body) {
        return "<system-reminder>\n" + body.stripTrailing() + "\n</system-reminder>";
    }

    /** The input as the model reads it: a person's text as is, anyone else's after a sender line. */
    static String input(Author author, String body) {
        return author instanceof Author.Human ? body : "[message from " + author.render() + "]\n" + body;
    }

    /**
     * What opens a turn: a user message with the memory snapshot and the pending notices as
     * {@code <system-reminder>} parts (absent when there is neither), then the input as a user message
     * of its own, so "the last user message" is always what the sender wrote.
     */
    static Optional<ChatMessage> reminders(Optional<String> snapshot, List<String> notices) {
        List<ContentPart> parts = new ArrayList<>();
        snapshot.ifPresent(s -> parts.add(new ContentPart.Text(reminder(s))));
        if (!notices.isEmpty()) {
            parts.add(new ContentPart.Text(reminder(String.join("\n\n", notices))));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(new ChatMessage(Role.USER, parts));
    }

    /** The input message. */
    /** Notices that arrived between model calls, as a user message after the tool results. */
    static ChatMessage notices(List<String> notices) {
        return ChatMessage.user(reminder(String.join("\n\n", notices)));
    }

    /** What stands in for archived history. */
    static ChatMessage summary(HistorySummary s) {
        return ChatMessage.user(reminder("[history:summary] " + s.messageCount() + " earlier messages, summarised:\n"
                + s.summary()));
    }

    static ChatRequest request(AgentSettings settings, ModelId model, List<ToolDescriptor> tools,
            Optional<HistorySummary> summary, List<ChatMessage> history, List<ChatMessage> turn) {
        List<ChatMessage> messages = new ArrayList<>(history.size() + turn.size() + 1);
        summary.ifPresent(s -> messages.add(summary(s)));
        messages.addAll(history);
        messages.addAll(turn);
        // the API wants a user message first; a history cut by compaction may start with a tool round
        while (!messages.isEmpty() && messages.getFirst().role() != Role.USER) {
            messages.removeFirst();
        }
        return new ChatRequest(model, system(settings.definition().systemPrompt()), messages,
                tools, settings.params(), CacheProfile.DEFAULT);
    }
}
