package dev.trellis.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.trellis.api.model.ModelError;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns a failed HTTP answer or an error event inside a stream into the {@link ModelError} kind the
 * gateway acts on. All three vendors put {@code {"error": {...}}} in error bodies
 * (OpenAI {@code message/type/code}, Anthropic {@code type/message} beside {@code "type":"error"},
 * Gemini {@code code/message/status/details}); their kind strings do not overlap, so one table serves all.
 * The provider's own message is kept, cleaned by the request's {@link Redactor}.
 */
public final class HttpErrors {

    /** What a vendor error body says; {@code kinds} in order of specificity. */
    public record VendorError(String message, Set<String> kinds, JsonNode error) {
        public boolean is(String kind) {
            return kinds.contains(kind);
        }
    }

    private enum Kind { OVERLOADED, RATE, QUOTA, AUTH, REFUSAL, BAD_REQUEST, SERVER }

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("overloaded_error", Kind.OVERLOADED), Map.entry("server_is_overloaded", Kind.OVERLOADED),
            Map.entry("UNAVAILABLE", Kind.OVERLOADED),
            Map.entry("rate_limit_error", Kind.RATE), Map.entry("rate_limit_exceeded", Kind.RATE),
            Map.entry("RESOURCE_EXHAUSTED", Kind.RATE),
            Map.entry("insufficient_quota", Kind.QUOTA), Map.entry("billing_hard_limit_reached", Kind.QUOTA),
            Map.entry("usage_not_included", Kind.QUOTA), Map.entry("usage_limit_reached", Kind.QUOTA),
            Map.entry("authentication_error", Kind.AUTH), Map.entry("permission_error", Kind.AUTH),
            Map.entry("invalid_api_key", Kind.AUTH), Map.entry("UNAUTHENTICATED", Kind.AUTH),
            Map.entry("PERMISSION_DENIED", Kind.AUTH), Map.entry("API_KEY_INVALID", Kind.AUTH),
            Map.entry("content_policy_violation", Kind.REFUSAL), Map.entry("invalid_prompt", Kind.REFUSAL),
            Map.entry("content_filter", Kind.REFUSAL),
            Map.entry("invalid_request_error", Kind.BAD_REQUEST), Map.entry("not_found_error", Kind.BAD_REQUEST),
            Map.entry("request_too_large", Kind.BAD_REQUEST), Map.entry("context_length_exceeded", Kind.BAD_REQUEST),
            Map.entry("model_not_found", Kind.BAD_REQUEST), Map.entry("INVALID_ARGUMENT", Kind.BAD_REQUEST),
            Map.entry("NOT_FOUND", Kind.BAD_REQUEST), Map.entry("FAILED_PRECONDITION", Kind.BAD_REQUEST),
            Map.entry("api_error", Kind.SERVER), Map.entry("server_error", Kind.SERVER),
            Map.entry("INTERNAL", Kind.SERVER));

    private HttpErrors() {
    }

    /** Reads a vendor error body; text that is not JSON becomes the message. */
    public static VendorError parse(String body) {
        JsonNode root = Json.tryParse(body == null ? "" : body).orElse(MissingNode.getInstance());
        if (root.isArray() && root.size() > 0) {
            root = root.get(0); // Gemini streams (without alt=sse) wrap bodies in an array
        }
        JsonNode error = root.path("error");
        if (!error.isObject()) {
            return new VendorError(body == null ? "" : body.strip(), Set.of(), MissingNode.getInstance());
        }
        // most specific first: google.rpc.ErrorInfo reasons (API_KEY_INVALID), then code, type, status
        Set<String> kinds = new LinkedHashSet<>();
        for (JsonNode detail : error.path("details")) {
            if (detail.path("reason").isTextual()) {
                kinds.add(detail.path("reason").asText());
            }
        }
        for (String field : new String[] {"code", "type", "status"}) {
            JsonNode v = error.path(field);
            if (v.isTextual() && !v.asText().isBlank()) {
                kinds.add(v.asText());
            }
        }
        String message = error.path("message").asText("");
        return new VendorError(message.isBlank() ? root.toString() : message, Collections.unmodifiableSet(kinds), error);
    }

    /**
     * A non-2xx answer.
     *
     * @param authHint how to fix credentials, appended to {@code Unauthorized}
     */
    public static ModelError forResponse(String provider, int status, HttpHeaders headers, String body,
            Redactor redactor, Instant now, String authHint) {
        VendorError e = parse(body);
        String message = redactor.clean(e.message().isBlank() ? "HTTP " + status : e.message());
        Kind kind = kindOf(e);
        return switch (status) {
            case 401, 403 -> new ModelError.Unauthorized(provider, withHint(message, authHint));
            case 429 -> kind == Kind.QUOTA ? new ModelError.Http(provider, status, message)
                    : new ModelError.RateLimited(provider, RetryHints.retryAfter(headers, e.error(), message, now));
            case 503, 529 -> new ModelError.Overloaded(provider);
            case 400, 404, 409, 413, 422 -> switch (kind) {
                case REFUSAL -> new ModelError.Refusal(provider, message);
                case AUTH -> new ModelError.Unauthorized(provider, withHint(message, authHint));
                case null, default -> new ModelError.BadRequest(provider, message);
            };
            default -> status >= 500 && kind == Kind.OVERLOADED ? new ModelError.Overloaded(provider)
                    : new ModelError.Http(provider, Math.max(100, Math.min(599, status)), message);
        };
    }

    /**
     * An error object that arrived inside a stream (Anthropic {@code event: error}, OpenAI
     * {@code response.failed} / {@code error}, Gemini {@code {"error": ...}} chunks). Without a known
     * kind it is a server failure ({@code Http 500}, retryable before the first event).
     */
    public static ModelError forStreamError(String provider, VendorError e, HttpHeaders headers, Redactor redactor,
            Instant now, String authHint) {
        String message = redactor.clean(e.message());
        return switch (kindOf(e)) {
            case OVERLOADED -> new ModelError.Overloaded(provider);
            case RATE -> new ModelError.RateLimited(provider, RetryHints.retryAfter(headers, e.error(), message, now));
            case QUOTA -> new ModelError.Http(provider, 429, message);
            case AUTH -> new ModelError.Unauthorized(provider, withHint(message, authHint));
            case REFUSAL -> new ModelError.Refusal(provider, message);
            case BAD_REQUEST -> new ModelError.BadRequest(provider, message);
            case SERVER -> new ModelError.Http(provider, 500, message);
            case null -> new ModelError.Http(provider, 500, message.isEmpty() ? "error event without a message" : message);
        };
    }

    private static Kind kindOf(VendorError e) {
        for (String k : e.kinds()) {
            Kind kind = KINDS.get(k);
            if (kind != null) {
                return kind;
            }
        }
        return null;
    }

    private static String withHint(String message, String hint) {
        return hint == null || hint.isBlank() ? message : message + " (" + hint + ")";
    }
}
