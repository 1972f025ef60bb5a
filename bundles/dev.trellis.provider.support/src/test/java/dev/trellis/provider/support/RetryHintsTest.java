package dev.trellis.provider.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.trellis.api.model.ModelError;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryHintsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static HttpHeaders headers(String... kv) {
        Map<String, List<String>> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], List.of(kv[i + 1]));
        }
        return HttpHeaders.of(m, (a, b) -> true);
    }

    private static JsonNode error(String json) {
        return Json.tryParse(json).orElseThrow().path("error");
    }

    @Test
    void anthropicUnifiedResetWinsOverRetryAfter() {
        long reset = NOW.getEpochSecond() + 120;
        assertThat(RetryHints.retryAfter(headers("anthropic-ratelimit-unified-5h-reset", "" + reset, "retry-after", "7"),
                MissingNode.getInstance(), "", NOW)).isEqualTo(Duration.ofSeconds(120));
        // a reset in the past is not a hint
        assertThat(RetryHints.retryAfter(headers("anthropic-ratelimit-unified-5h-reset", "" + (reset - 1000),
                "retry-after", "7"), MissingNode.getInstance(), "", NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterSecondsMillisAndHttpDate() {
        assertThat(RetryHints.retryAfter(headers("retry-after-ms", "1500", "retry-after", "9"), MissingNode.getInstance(),
                "", NOW)).isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryHints.retryAfter(headers("retry-after", "2.5"), MissingNode.getInstance(), "", NOW))
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(RetryHints.retryAfter(headers("retry-after", "Wed, 25 Nov 2026 10:00:30 GMT"),
                MissingNode.getInstance(), "", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryHints.retryAfter(headers("retry-after", "soon"), MissingNode.getInstance(), "", NOW))
                .isEqualTo(ModelError.RateLimited.NO_HINT);
    }

    @Test
    void bodyHintsWhenNoHeader() {
        assertThat(RetryHints.retryAfter(headers(), error("{\"error\":{\"retry_after_ms\":250}}"), "", NOW))
                .isEqualTo(Duration.ofMillis(250));
        assertThat(RetryHints.retryAfter(headers(), error("{\"error\":{\"retry_after\":3}}"), "", NOW))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryHints.retryAfter(headers(), error("{\"error\":{\"code\":429,\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"37s\"}]}}"), "", NOW))
                .isEqualTo(Duration.ofSeconds(37));
        assertThat(RetryHints.retryAfter(headers(), MissingNode.getInstance(),
                "Rate limit reached for gpt-4o. Please try again in 1.2s. Visit ...", NOW)).isEqualTo(Duration.ofMillis(1200));
        assertThat(RetryHints.retryAfter(headers(), MissingNode.getInstance(), "Please try again in 450ms.", NOW))
                .isEqualTo(Duration.ofMillis(450));
    }

    @Test
    void noHintAtAll() {
        Duration d = RetryHints.retryAfter(headers(), MissingNode.getInstance(), "slow down", NOW);
        assertThat(d).isEqualTo(ModelError.RateLimited.NO_HINT);
        assertThat(new ModelError.RateLimited("openai", d).hinted()).isFalse();
        assertThat(new ModelError.RateLimited("openai", d).message()).contains("no retry delay");
    }
}
