package dev.trellis.provider.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.api.model.StopReason;
import dev.trellis.provider.support.HttpErrors;
import dev.trellis.provider.support.Json;
import dev.trellis.provider.support.MalformedEventException;
import dev.trellis.provider.support.ProviderStream;
import dev.trellis.provider.support.SseEvent;
import dev.trellis.provider.support.SseProtocol;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Chat Completions chunks ({@code data: {"object":"chat.completion.chunk",...}} … {@code data: [DONE]}):
 * {@code delta.content} → text, {@code delta.refusal} → text and a {@code REFUSAL} stop,
 * {@code delta.tool_calls[i]} → tool calls keyed by their {@code index} (id and name in the first
 * fragment), the usage-only chunk → usage (cached tokens split out), {@code finish_reason} → the stop
 * sent at {@code [DONE]}.
 */
final class ChatCompletionsProtocol implements SseProtocol {

    private final Clock clock;
    private final String authHint;
    private final Map<Integer, Integer> calls = new HashMap<>(); // wire index -> stream index
    private StopReason finish;
    private boolean refusal;

    ChatCompletionsProtocol(Clock clock, String authHint) {
        this.clock = clock;
        this.authHint = authHint;
    }

    @Override
    public String terminalEvent() {
        return "data: [DONE]";
    }

    @Override
    public void onEvent(SseEvent event, ProviderStream out) {
        if (event.data().equals("[DONE]")) {
            out.stop(stopReason(out));
            return;
        }
        JsonNode chunk = Json.parse(event);
        if (chunk.has("error")) {
            out.fail(HttpErrors.forStreamError("openai", HttpErrors.parse(event.data()), HttpHeaders.of(Map.of(),
                    (a, b) -> true), out.redactor(), clock.instant(), authHint));
            return;
        }
        JsonNode choices = chunk.path("choices");
        if (!choices.isMissingNode() && !choices.isNull() && !choices.isArray()) {
            throw new MalformedEventException(event.where() + ": 'choices' is not an array");
        }
        for (JsonNode choice : choices) {
            if (choice.path("index").asInt(0) != 0) {
                continue; // n > 1 is not requested
            }
            delta(choice.path("delta"), event, out);
            JsonNode reason = choice.path("finish_reason");
            if (reason.isTextual()) {
                finish = switch (reason.asText()) {
                    case "length" -> StopReason.MAX_TOKENS;
                    case "tool_calls", "function_call" -> StopReason.TOOL_USE;
                    case "content_filter" -> StopReason.REFUSAL;
                    default -> StopReason.END_TURN;
                };
            }
        }
        JsonNode usage = chunk.path("usage");
        if (usage.isObject()) {
            long cached = Json.count(usage.path("prompt_tokens_details"), "cached_tokens");
            out.usage(Json.count(usage, "prompt_tokens") - cached, Json.count(usage, "completion_tokens"), cached, 0);
        }
    }

    private void delta(JsonNode delta, SseEvent event, ProviderStream out) {
        if (!delta.isObject()) {
            return;
        }
        if (delta.path("content").isTextual()) {
            out.text(delta.path("content").asText());
        }
        if (delta.path("refusal").isTextual()) {
            refusal = true;
            out.text(delta.path("refusal").asText());
        }
        for (String reasoning : new String[] {"reasoning_content", "reasoning"}) {
            if (delta.path(reasoning).isTextual()) { // OpenAI-compatible servers stream reasoning here
                out.thinking(delta.path(reasoning).asText(), Optional.empty());
            }
        }
        for (JsonNode call : delta.path("tool_calls")) {
            int wire = Json.requiredInt(call, "index", event);
            Integer index = calls.get(wire);
            JsonNode function = call.path("function");
            if (index == null) {
                index = calls.size();
                calls.put(wire, index);
                String id = Json.required(call, "id", event);
                String name = Json.required(function, "name", event);
                out.toolStart(index, id, name);
            }
            if (function.path("arguments").isTextual()) {
                out.toolDelta(index, function.path("arguments").asText());
            }
        }
    }

    private StopReason stopReason(ProviderStream out) {
        if (refusal) {
            return StopReason.REFUSAL;
        }
        if (finish != null) {
            return finish;
        }
        return out.hasToolCalls() ? StopReason.TOOL_USE : StopReason.END_TURN;
    }

    /** Some OpenAI-compatible servers end the body after the finish chunk without [DONE]. */
    @Override
    public void onEnd(ProviderStream out, int events) {
        if (finish != null) {
            out.stop(stopReason(out));
        } else {
            SseProtocol.super.onEnd(out, events);
        }
    }
}
