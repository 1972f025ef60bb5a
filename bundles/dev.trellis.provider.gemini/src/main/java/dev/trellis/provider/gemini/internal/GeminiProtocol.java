package dev.trellis.provider.gemini.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.StopReason;
import dev.trellis.provider.support.HttpErrors;
import dev.trellis.provider.support.Json;
import dev.trellis.provider.support.ProviderStream;
import dev.trellis.provider.support.SseEvent;
import dev.trellis.provider.support.SseProtocol;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code streamGenerateContent?alt=sse}: every event is a whole {@code GenerateContentResponse}. Parts
 * of {@code candidates[0].content} map to text, thoughts ({@code "thought": true}) and function calls
 * (complete in one part: start, one delta with the {@code args}, end); a {@code thoughtSignature} is
 * emitted as a signed thinking delta just before the part it came with. {@code usageMetadata} is
 * cumulative; the chunk with {@code finishReason} ends the stream. A prompt blocked outright
 * ({@code promptFeedback.blockReason}) is a {@code Refusal}.
 */
final class GeminiProtocol implements SseProtocol {

    private final Clock clock;
    private final String authHint;
    private int calls;
    private JsonNode usage;

    GeminiProtocol(Clock clock, String authHint) {
        this.clock = clock;
        this.authHint = authHint;
    }

    @Override
    public String terminalEvent() {
        return "a chunk with finishReason";
    }

    @Override
    public void onEvent(SseEvent event, ProviderStream out) {
        JsonNode chunk = Json.parse(event);
        if (chunk.has("error")) {
            out.fail(HttpErrors.forStreamError("gemini", HttpErrors.parse(event.data()), HttpHeaders.of(Map.of(),
                    (a, b) -> true), out.redactor(), clock.instant(), authHint));
            return;
        }
        if (chunk.path("usageMetadata").isObject()) {
            usage = chunk.path("usageMetadata");
        }
        JsonNode candidate = chunk.path("candidates").path(0);
        if (candidate.isMissingNode()) {
            JsonNode blocked = chunk.path("promptFeedback").path("blockReason");
            if (blocked.isTextual()) {
                String why = chunk.path("promptFeedback").path("blockReasonMessage").asText("");
                out.fail(new ModelError.Refusal("gemini", "prompt blocked (" + blocked.asText() + ")"
                        + (why.isEmpty() ? "" : ": " + out.redactor().clean(why))));
            }
            return;
        }
        for (JsonNode part : candidate.path("content").path("parts")) {
            part(part, event, out);
        }
        JsonNode finish = candidate.path("finishReason");
        if (finish.isTextual() && !finish.asText().isEmpty()) {
            finish(finish.asText(), candidate.path("finishMessage").asText(""), out);
        }
    }

    private void part(JsonNode part, SseEvent event, ProviderStream out) {
        Optional<String> signature = part.path("thoughtSignature").isTextual()
                ? Optional.of(part.path("thoughtSignature").asText()) : Optional.empty();
        if (part.path("thought").asBoolean(false)) {
            out.thinking(part.path("text").asText(""), signature);
            return;
        }
        signature.ifPresent(sig -> out.thinking("", Optional.of(sig)));
        if (part.path("text").isTextual()) {
            out.text(part.path("text").asText());
        } else if (part.path("functionCall").isObject()) {
            JsonNode call = part.path("functionCall");
            int index = calls++;
            String id = call.path("id").isTextual() && !call.path("id").asText().isEmpty() ? call.path("id").asText()
                    : GeminiRequest.LOCAL_ID + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            out.toolStart(index, id, Json.required(call, "name", event));
            out.toolDelta(index, Json.text(call.path("args").isObject() ? call.path("args") : Json.object()));
            out.toolEnd(index);
        }
    }

    private void finish(String reason, String message, ProviderStream out) {
        if (usage != null) {
            long cached = Json.count(usage, "cachedContentTokenCount");
            out.usage(Json.count(usage, "promptTokenCount") - cached,
                    Json.count(usage, "candidatesTokenCount") + Json.count(usage, "thoughtsTokenCount"), cached, 0);
        }
        switch (reason) {
            case "MAX_TOKENS" -> out.stop(StopReason.MAX_TOKENS);
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE" ->
                    out.stop(StopReason.REFUSAL);
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL" -> out.fail(new ModelError.MalformedStream("gemini",
                    "the model produced an unusable function call (finishReason " + reason + ")"
                            + (message.isEmpty() ? "" : ": " + out.redactor().clean(message))));
            default -> out.stop(out.hasToolCalls() ? StopReason.TOOL_USE : StopReason.END_TURN);
        }
    }
}
