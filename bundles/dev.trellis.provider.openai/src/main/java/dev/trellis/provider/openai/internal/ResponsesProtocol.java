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
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Responses API events (the same on the codex backend), keyed by their {@code type}:
 * {@code response.output_item.added} opens function calls (by item id), {@code ...output_text.delta}
 * and {@code ...refusal.delta} are text, {@code ...reasoning_summary_text.delta} and
 * {@code ...reasoning_text.delta} thinking, {@code ...function_call_arguments.delta} arguments,
 * {@code response.output_item.done} closes a call or carries a reasoning item's encrypted content
 * (the thinking signature); {@code response.completed} / {@code response.incomplete} give usage and the
 * stop, {@code response.failed} and {@code error} the typed error. Unknown event types are skipped.
 */
final class ResponsesProtocol implements SseProtocol {

    private final Clock clock;
    private final String authHint;
    private final Map<String, Integer> calls = new HashMap<>(); // item id -> stream index
    private final Set<String> callsWithArguments = new HashSet<>();
    private final Set<String> reasoningWithText = new HashSet<>();
    private boolean refusal;
    private boolean started;

    ResponsesProtocol(Clock clock, String authHint) {
        this.clock = clock;
        this.authHint = authHint;
    }

    @Override
    public String terminalEvent() {
        return "response.completed";
    }

    @Override
    public void onEvent(SseEvent event, ProviderStream out) {
        JsonNode e = Json.parse(event);
        String type = Json.required(e, "type", event);
        if (!started && !type.equals("response.created") && !type.equals("error")) {
            throw new MalformedEventException(event.where() + ": '" + type + "' before response.created");
        }
        switch (type) {
            case "response.created" -> started = true;
            case "response.output_item.added" -> itemAdded(e.path("item"), event, out);
            case "response.output_text.delta" -> out.text(Json.required(e, "delta", event));
            case "response.refusal.delta" -> {
                refusal = true;
                out.text(Json.required(e, "delta", event));
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> {
                reasoningWithText.add(e.path("item_id").asText());
                out.thinking(Json.required(e, "delta", event), Optional.empty());
            }
            case "response.reasoning_summary_part.added" -> {
                if (e.path("summary_index").asInt(0) > 0) {
                    out.thinking("\n\n", Optional.empty()); // summaries are paragraphs
                }
            }
            case "response.function_call_arguments.delta" -> {
                String item = Json.required(e, "item_id", event);
                out.toolDelta(index(item, event), Json.required(e, "delta", event));
                callsWithArguments.add(item);
            }
            case "response.output_item.done" -> itemDone(e.path("item"), event, out);
            case "response.completed", "response.incomplete" -> finish(type, e.path("response"), out);
            case "response.failed" -> out.fail(HttpErrors.forStreamError("openai",
                    HttpErrors.parse(Json.text(e.path("response"))), noHeaders(), out.redactor(), clock.instant(), authHint));
            case "error" -> out.fail(HttpErrors.forStreamError("openai", HttpErrors.parse("{\"error\":" + Json.text(e) + "}"),
                    noHeaders(), out.redactor(), clock.instant(), authHint));
            default -> {
                // response.in_progress, content_part.*, *.done and later additions carry nothing new
            }
        }
    }

    private void itemAdded(JsonNode item, SseEvent event, ProviderStream out) {
        if (!item.isObject()) {
            throw new MalformedEventException(event.where() + ": no 'item'");
        }
        if ("function_call".equals(item.path("type").asText())) {
            String id = Json.required(item, "id", event);
            int index = calls.size();
            calls.put(id, index);
            out.toolStart(index, Json.required(item, "call_id", event), Json.required(item, "name", event));
            String args = item.path("arguments").asText("");
            if (!args.isEmpty()) {
                out.toolDelta(index, args);
                callsWithArguments.add(id);
            }
        }
    }

    private void itemDone(JsonNode item, SseEvent event, ProviderStream out) {
        switch (item.path("type").asText()) {
            case "function_call" -> {
                String id = Json.required(item, "id", event);
                int index = index(id, event);
                if (!callsWithArguments.contains(id)) { // arguments only in the final item
                    out.toolDelta(index, item.path("arguments").asText(""));
                }
                out.toolEnd(index);
            }
            case "reasoning" -> {
                String id = item.path("id").asText();
                StringBuilder summary = new StringBuilder();
                if (!reasoningWithText.contains(id)) {
                    for (JsonNode s : item.path("summary")) {
                        if (!summary.isEmpty()) {
                            summary.append("\n\n");
                        }
                        summary.append(s.path("text").asText(""));
                    }
                }
                Optional<String> encrypted = item.path("encrypted_content").isTextual()
                        ? Optional.of(item.path("encrypted_content").asText()) : Optional.empty();
                out.thinking(summary.toString(), encrypted);
            }
            default -> {
            }
        }
    }

    private void finish(String type, JsonNode response, ProviderStream out) {
        JsonNode usage = response.path("usage");
        if (usage.isObject()) {
            long cached = Json.count(usage.path("input_tokens_details"), "cached_tokens");
            out.usage(Json.count(usage, "input_tokens") - cached, Json.count(usage, "output_tokens"), cached, 0);
        }
        StopReason reason;
        if (type.equals("response.incomplete")) {
            reason = switch (response.path("incomplete_details").path("reason").asText("")) {
                case "content_filter" -> StopReason.REFUSAL;
                default -> StopReason.MAX_TOKENS;
            };
        } else if (refusal) {
            reason = StopReason.REFUSAL;
        } else {
            reason = out.hasToolCalls() ? StopReason.TOOL_USE : StopReason.END_TURN;
        }
        out.stop(reason);
    }

    private int index(String itemId, SseEvent event) {
        Integer index = calls.get(itemId);
        if (index == null) {
            throw new MalformedEventException(event.where() + ": function call item '" + itemId
                    + "' was never added");
        }
        return index;
    }

    private static HttpHeaders noHeaders() {
        return HttpHeaders.of(Map.of(), (a, b) -> true);
    }
}
