package dev.trellis.provider.anthropic.internal;

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
 * Messages API events: {@code message_start} (input and cache usage) → per content block
 * {@code content_block_start} / {@code _delta} / {@code _stop} (text, thinking with its
 * {@code signature_delta}, redacted thinking, tool use with {@code input_json_delta}) →
 * {@code message_delta} (stop reason, output usage) → {@code message_stop}. {@code ping} is skipped,
 * {@code error} (e.g. {@code overloaded_error}) becomes the typed error. Deltas for a block that is not
 * open, or of the wrong kind for the block, are malformed.
 */
final class MessagesProtocol implements SseProtocol {

    private enum Kind { TEXT, THINKING, TOOL, OTHER }

    private record Block(Kind kind, int tool) {
    }

    private final Clock clock;
    private final String authHint;
    private final Map<Integer, Block> open = new HashMap<>();
    private boolean started;
    private int tools;
    private StopReason stop;
    private long input;
    private long output;
    private long cacheRead;
    private long cacheCreation;

    MessagesProtocol(Clock clock, String authHint) {
        this.clock = clock;
        this.authHint = authHint;
    }

    @Override
    public String terminalEvent() {
        return "message_stop";
    }

    @Override
    public void onEvent(SseEvent event, ProviderStream out) {
        JsonNode e = Json.parse(event);
        String type = e.path("type").asText(event.event());
        if (type.equals("error")) {
            out.fail(HttpErrors.forStreamError("anthropic", HttpErrors.parse(event.data()),
                    HttpHeaders.of(Map.of(), (a, b) -> true), out.redactor(), clock.instant(), authHint));
            return;
        }
        if (type.equals("ping")) {
            return;
        }
        if (!started && !type.equals("message_start")) {
            throw new MalformedEventException(event.where() + ": '" + type + "' before message_start");
        }
        switch (type) {
            case "message_start" -> {
                if (started) {
                    throw new MalformedEventException(event.where() + ": a second message_start");
                }
                started = true;
                usage(e.path("message").path("usage"), out);
            }
            case "content_block_start" -> blockStart(e, event, out);
            case "content_block_delta" -> blockDelta(e, event, out);
            case "content_block_stop" -> {
                int index = Json.requiredInt(e, "index", event);
                Block b = open.remove(index);
                if (b == null) {
                    throw new MalformedEventException(event.where() + ": block " + index + " is not open");
                }
                if (b.kind() == Kind.TOOL) {
                    out.toolEnd(b.tool());
                }
            }
            case "message_delta" -> {
                JsonNode reason = e.path("delta").path("stop_reason");
                if (reason.isTextual()) {
                    stop = switch (reason.asText()) {
                        case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
                        case "stop_sequence" -> StopReason.STOP_SEQUENCE;
                        case "tool_use" -> StopReason.TOOL_USE;
                        case "pause_turn" -> StopReason.PAUSE_TURN;
                        case "refusal" -> StopReason.REFUSAL;
                        default -> StopReason.END_TURN;
                    };
                }
                usage(e.path("usage"), out);
            }
            case "message_stop" -> out.stop(stop != null ? stop : out.hasToolCalls() ? StopReason.TOOL_USE : StopReason.END_TURN);
            default -> {
                // new event types may be added (Anthropic's versioning policy): skip them
            }
        }
    }

    private void blockStart(JsonNode e, SseEvent event, ProviderStream out) {
        int index = Json.requiredInt(e, "index", event);
        if (open.containsKey(index)) {
            throw new MalformedEventException(event.where() + ": block " + index + " started twice");
        }
        JsonNode block = e.path("content_block");
        switch (block.path("type").asText()) {
            case "text" -> {
                open.put(index, new Block(Kind.TEXT, -1));
                out.text(block.path("text").asText(""));
            }
            case "thinking" -> {
                open.put(index, new Block(Kind.THINKING, -1));
                out.thinking(block.path("thinking").asText(""), Optional.empty());
            }
            case "redacted_thinking" -> {
                open.put(index, new Block(Kind.OTHER, -1));
                out.thinking("", Optional.of(MessagesRequest.REDACTED + Json.required(block, "data", event)));
            }
            case "tool_use", "server_tool_use" -> {
                int tool = tools++;
                open.put(index, new Block(Kind.TOOL, tool));
                out.toolStart(tool, Json.required(block, "id", event), Json.required(block, "name", event));
                JsonNode input = block.path("input");
                if (input.isObject() && !input.isEmpty()) {
                    out.toolDelta(tool, Json.text(input));
                }
            }
            default -> open.put(index, new Block(Kind.OTHER, -1));
        }
    }

    private void blockDelta(JsonNode e, SseEvent event, ProviderStream out) {
        int index = Json.requiredInt(e, "index", event);
        Block b = open.get(index);
        if (b == null) {
            throw new MalformedEventException(event.where() + ": delta for block " + index + ", which is not open");
        }
        JsonNode delta = e.path("delta");
        String type = delta.path("type").asText();
        Kind expected = switch (type) {
            case "text_delta" -> Kind.TEXT;
            case "thinking_delta", "signature_delta" -> Kind.THINKING;
            case "input_json_delta" -> Kind.TOOL;
            default -> null; // citations_delta and later additions
        };
        if (expected == null) {
            return;
        }
        if (expected != b.kind()) {
            throw new MalformedEventException(event.where() + ": " + type + " for a " + b.kind().name().toLowerCase(
                    java.util.Locale.ROOT) + " block");
        }
        switch (type) {
            case "text_delta" -> out.text(Json.required(delta, "text", event));
            case "thinking_delta" -> out.thinking(Json.required(delta, "thinking", event), Optional.empty());
            case "signature_delta" -> out.thinking("", Optional.of(Json.required(delta, "signature", event)));
            default -> out.toolDelta(b.tool(), Json.required(delta, "partial_json", event));
        }
    }

    /** message_start has the input side; message_delta the cumulative output (and, lately, input again). */
    private void usage(JsonNode u, ProviderStream out) {
        if (!u.isObject()) {
            return;
        }
        if (u.has("input_tokens")) {
            input = Json.count(u, "input_tokens");
        }
        if (u.has("cache_read_input_tokens")) {
            cacheRead = Json.count(u, "cache_read_input_tokens");
        }
        if (u.has("cache_creation_input_tokens")) {
            cacheCreation = Json.count(u, "cache_creation_input_tokens");
        }
        if (u.has("output_tokens")) {
            output = Json.count(u, "output_tokens");
        }
        out.usage(input, output, cacheRead, cacheCreation);
    }
}
