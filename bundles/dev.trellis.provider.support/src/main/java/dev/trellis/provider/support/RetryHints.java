package dev.trellis.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.api.model.ModelError;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's word on when to retry a rate-limited request, in the order the reference gateway
 * trusts them: header {@code anthropic-ratelimit-unified-5h-reset} (epoch seconds) → {@code retry-after-ms}
 * → {@code Retry-After} (seconds or an HTTP date) → body {@code error.retry_after_ms} /
 * {@code error.retry_after} (seconds) → Gemini's {@code RetryInfo.retryDelay} ({@code "37s"}) → OpenAI's
 * "Please try again in 20s" in the message. No hint gives {@link ModelError.RateLimited#NO_HINT}; capping
 * and defaults are the gateway's business.
 */
public final class RetryHints {

    private static final Pattern TRY_AGAIN = Pattern.compile("(?i)try again in\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|seconds?)\\b");
    private static final Pattern PROTO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)s");

    private RetryHints() {
    }

    /**
     * @param headers response headers (may be empty)
     * @param error   the parsed error body, or a missing node
     * @param message the vendor's error message (may be empty)
     * @param now     the current time, for absolute hints
     */
    public static Duration retryAfter(HttpHeaders headers, JsonNode error, String message, Instant now) {
        return fromHeaders(headers, now).or(() -> fromBody(error)).or(() -> fromMessage(message))
                .orElse(ModelError.RateLimited.NO_HINT);
    }

    static Optional<Duration> fromHeaders(HttpHeaders headers, Instant now) {
        Optional<Duration> reset = headers.firstValue("anthropic-ratelimit-unified-5h-reset")
                .flatMap(RetryHints::number).map(epoch -> Duration.ofMillis((long) (epoch * 1000) - now.toEpochMilli()))
                .filter(d -> d.isPositive());
        if (reset.isPresent()) {
            return reset;
        }
        Optional<Duration> ms = headers.firstValue("retry-after-ms").flatMap(RetryHints::number)
                .filter(v -> v > 0).map(v -> Duration.ofMillis(Math.round(v)));
        if (ms.isPresent()) {
            return ms;
        }
        return headers.firstValue("retry-after").flatMap(v -> retryAfterValue(v, now));
    }

    static Optional<Duration> retryAfterValue(String value, Instant now) {
        Optional<Double> seconds = number(value);
        if (seconds.isPresent()) {
            return seconds.filter(s -> s > 0).map(s -> Duration.ofMillis(Math.round(s * 1000)));
        }
        try {
            Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isPositive() ? Optional.of(d) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Duration> fromBody(JsonNode error) {
        if (error == null || error.isMissingNode() || error.isNull()) {
            return Optional.empty();
        }
        JsonNode ms = error.path("retry_after_ms");
        if (ms.isNumber() && ms.asDouble() > 0) {
            return Optional.of(Duration.ofMillis(Math.round(ms.asDouble())));
        }
        JsonNode s = error.path("retry_after");
        if (s.isNumber() && s.asDouble() > 0) {
            return Optional.of(Duration.ofMillis(Math.round(s.asDouble() * 1000)));
        }
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText().endsWith("google.rpc.RetryInfo")) {
                Matcher m = PROTO_DURATION.matcher(detail.path("retryDelay").asText());
                if (m.matches() && Double.parseDouble(m.group(1)) > 0) {
                    return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(m.group(1)) * 1000)));
                }
            }
        }
        return Optional.empty();
    }

    static Optional<Duration> fromMessage(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = TRY_AGAIN.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        double value = Double.parseDouble(m.group(1));
        long millis = m.group(2).equalsIgnoreCase("ms") ? Math.round(value) : Math.round(value * 1000);
        return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }

    private static Optional<Double> number(String text) {
        try {
            return Optional.of(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
