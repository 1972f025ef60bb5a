package dev.trellis.provider.anthropic.internal;

import dev.trellis.api.model.CacheProfile;
import dev.trellis.api.model.ChatMessage;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.model.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the (at most four) {@code cache_control} breakpoints go, following the segment layout of
 * {@link CacheProfile}: (1) the system prompt, or the last tool when there is none (tools come before
 * the system prompt in the cached prefix); (2) the end of the history, i.e. the last message before
 * the batch-opening message; (3) the end of the batch-opening message (memory state); (4) the last
 * message when it comes after that one (tool calls and results of the running batch). Lifetimes: 0 =
 * no marker, up to 5 min = "5m", longer = "1h" if extended lifetimes are allowed, else "5m"; a
 * breakpoint never has a longer lifetime than one before it (Anthropic requires longer TTLs first).
 */
final class CachePlan {

    /** Where a breakpoint is: the system prompt, the last tool, or the end of a conversation message. */
    sealed interface Target permits System, LastTool, Message {
    }

    record System() implements Target {
    }

    record LastTool() implements Target {
    }

    /** @param message index into {@code ChatRequest.messages()} */
    record Message(int message) implements Target {
    }

    /** @param oneHour "1h" instead of the default "5m" */
    record Breakpoint(Target target, boolean oneHour) {
    }

    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private CachePlan() {
    }

    static List<Breakpoint> plan(boolean hasSystem, boolean hasTools, List<ChatMessage> messages, CacheProfile profile) {
        List<Breakpoint> out = new ArrayList<>();
        boolean[] shortSeen = {false};
        if (hasSystem) {
            add(out, new System(), profile.segment1Ttl(), profile, shortSeen);
        } else if (hasTools) {
            add(out, new LastTool(), profile.segment1Ttl(), profile, shortSeen);
        }
        int opening = batchOpening(messages);
        if (opening > 0) {
            add(out, new Message(opening - 1), profile.segment2Ttl(), profile, shortSeen);
        }
        if (opening >= 0) {
            add(out, new Message(opening), profile.segment3Ttl(), profile, shortSeen);
        }
        int last = messages.size() - 1;
        if (last > opening) {
            add(out, new Message(last), profile.segment2Ttl(), profile, shortSeen);
        }
        return List.copyOf(out);
    }

    /** The last user message without tool results, or -1. */
    static int batchOpening(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage m = messages.get(i);
            if (m.role() == Role.USER && m.parts().stream().noneMatch(p -> p instanceof ContentPart.ToolResult)) {
                return i;
            }
        }
        return -1;
    }

    private static void add(List<Breakpoint> out, Target target, Duration ttl, CacheProfile profile, boolean[] shortSeen) {
        if (ttl.isZero() || out.stream().anyMatch(b -> b.target().equals(target))) {
            return;
        }
        boolean oneHour = ttl.compareTo(FIVE_MINUTES) > 0 && profile.allowExtendedTtl() && !shortSeen[0];
        if (!oneHour) {
            shortSeen[0] = true;
        }
        out.add(new Breakpoint(target, oneHour));
    }

    /** True if some breakpoint asked for more than 5 minutes but got 5 because extended lifetimes are off. */
    static Optional<String> downgrade(CacheProfile profile) {
        boolean longAsked = profile.segment1Ttl().compareTo(FIVE_MINUTES) > 0 || profile.segment2Ttl().compareTo(FIVE_MINUTES) > 0
                || profile.segment3Ttl().compareTo(FIVE_MINUTES) > 0;
        return longAsked && !profile.allowExtendedTtl()
                ? Optional.of("cache lifetimes above 5 minutes were shortened to 5 minutes (extended TTL not allowed)")
                : Optional.empty();
    }
}
