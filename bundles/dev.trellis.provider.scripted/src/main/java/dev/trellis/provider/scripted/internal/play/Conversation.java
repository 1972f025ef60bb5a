package dev.trellis.provider.scripted.internal.play;

import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.Role;
import dev.trellis.api.tool.ToolDescriptor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a script can ask about a request: the turn index (assistant messages so far), the last user message,
 * the tool results of the last message if it is a tool message, and the offered tools.
 */
public record Conversation(int index, String lastUser, Optional<List<ContentPart.ToolResult>> lastToolResults,
        Set<String> offered, long inputChars) {

    public static Conversation of(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        int index = (int) messages.stream().filter(m -> m.role() == Role.ASSISTANT).count();
        String lastUser = "";
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) {
                lastUser = text(messages.get(i));
                break;
            }
        }
        ChatMessage last = messages.getLast();
        Optional<List<ContentPart.ToolResult>> tool = last.role() == Role.TOOL
                ? Optional.of(last.parts().stream().filter(p -> p instanceof ContentPart.ToolResult)
                        .map(p -> (ContentPart.ToolResult) p).toList())
                : Optional.empty();
        long chars = request.system().length();
        for (ChatMessage m : messages) {
            for (ContentPart p : m.parts()) {
                chars += switch (p) {
                    case ContentPart.Text t -> t.text().length();
                    case ContentPart.Thinking t -> t.text().length();
                    case ContentPart.ToolCall c -> c.name().length() + c.argumentsJson().length();
                    case ContentPart.ToolResult r -> r.content().length();
                    case ContentPart.Image i -> 1000;
                };
            }
        }
        Set<String> offered = request.tools().stream().map(ToolDescriptor::name).collect(Collectors.toUnmodifiableSet());
        return new Conversation(index, lastUser, tool, offered, chars);
    }

    /** The text of the last tool results, one per line. */
    public String lastToolText() {
        return lastToolResults.map(rs -> rs.stream().map(ContentPart.ToolResult::content)
                .collect(Collectors.joining("\n"))).orElse("");
    }

    /** The text parts of a message joined by new lines; images appear as {@code [image/png]}. */
    static String text(ChatMessage message) {
        return message.parts().stream().map(p -> switch (p) {
            case ContentPart.Text t -> t.text();
            case ContentPart.Image i -> "[" + i.mediaType() + "]";
            default -> "";
        }).filter(s -> !s.isEmpty()).collect(Collectors.joining("\n"));
    }
}
