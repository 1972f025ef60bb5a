package dev.trellis.provider.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.model.ModelError;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);
    private static final Redactor R = Redactor.of("sk-test-secret-key-0001");

    private static ModelError map(int status, String body) {
        return HttpErrors.forResponse("p", status, NONE, body, R, NOW, "set P_KEY");
    }

    @Test
    void statusKinds() {
        assertThat(map(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-test-secret-key-0001\","
                + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"))
                .isEqualTo(new ModelError.Unauthorized("p", "Incorrect API key provided: [redacted] (set P_KEY)"));
        assertThat(map(403, "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"no access\"}}"))
                .isEqualTo(new ModelError.Unauthorized("p", "no access (set P_KEY)"));
        assertThat(map(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: required\"}}"))
                .isEqualTo(new ModelError.BadRequest("p", "max_tokens: required"));
        assertThat(map(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist\",\"code\":\"model_not_found\"}}"))
                .isEqualTo(new ModelError.BadRequest("p", "The model `gpt-9` does not exist"));
        assertThat(map(422, "not json")).isEqualTo(new ModelError.BadRequest("p", "not json"));
        assertThat(map(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isEqualTo(new ModelError.Overloaded("p"));
        assertThat(map(503, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}"))
                .isEqualTo(new ModelError.Overloaded("p"));
        assertThat(map(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"))
                .isEqualTo(new ModelError.Http("p", 500, "boom"));
        assertThat(map(502, "")).isEqualTo(new ModelError.Http("p", 502, "HTTP 502"));
        assertThat(map(418, "teapot")).isEqualTo(new ModelError.Http("p", 418, "teapot"));
    }

    @Test
    void rateLimitsAndQuota() {
        HttpHeaders h = HttpHeaders.of(Map.of("retry-after", List.of("12")), (a, b) -> true);
        assertThat(HttpErrors.forResponse("p", 429, h, "{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow\"}}",
                R, NOW, "")).isEqualTo(new ModelError.RateLimited("p", Duration.ofSeconds(12)));
        assertThat(map(429, "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\"}}"))
                .isEqualTo(new ModelError.Http("p", 429, "You exceeded your current quota"));
        assertThat(map(429, "")).isEqualTo(new ModelError.RateLimited("p", ModelError.RateLimited.NO_HINT));
    }

    @Test
    void refusalsAndGeminiKeyErrors() {
        assertThat(map(400, "{\"error\":{\"message\":\"Invalid prompt: flagged\",\"code\":\"invalid_prompt\"}}"))
                .isEqualTo(new ModelError.Refusal("p", "Invalid prompt: flagged"));
        assertThat(map(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\"}]}}"))
                .isEqualTo(new ModelError.Unauthorized("p", "API key not valid. Please pass a valid API key. (set P_KEY)"));
    }

    @Test
    void streamErrors() {
        var overloaded = HttpErrors.parse("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertThat(HttpErrors.forStreamError("p", overloaded, NONE, R, NOW, "")).isEqualTo(new ModelError.Overloaded("p"));
        var unknown = HttpErrors.parse("{\"error\":{\"message\":\"something broke\"}}");
        assertThat(HttpErrors.forStreamError("p", unknown, NONE, R, NOW, "")).isEqualTo(new ModelError.Http("p", 500, "something broke"));
        var rate = HttpErrors.parse("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_exceeded\",\"message\":\"Please try again in 2s\"}}");
        assertThat(HttpErrors.forStreamError("p", rate, NONE, R, NOW, "")).isEqualTo(new ModelError.RateLimited("p", Duration.ofSeconds(2)));
    }
}
