package dev.trellis.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelIdTest {

    @Test
    void parsesProviderAndModel() {
        ModelId id = ModelId.parse("openai/gpt-5-codex");
        assertThat(id.provider()).isEqualTo("openai");
        assertThat(id.model()).isEqualTo("gpt-5-codex");
        assertThat(id).hasToString("openai/gpt-5-codex");
    }

    @Test
    void firstSlashSplits() {
        ModelId id = ModelId.parse("ollama/library/llama3:8b");
        assertThat(id.provider()).isEqualTo("ollama");
        assertThat(id.model()).isEqualTo("library/llama3:8b");
    }

    @Test
    void missingSlash() {
        assertThatThrownBy(() -> ModelId.parse("gpt-4o")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model id 'gpt-4o' must be 'provider/model'");
    }

    @Test
    void badProvider() {
        assertThatThrownBy(() -> ModelId.parse("OpenAI/gpt-4o"))
                .hasMessage("model id 'OpenAI/gpt-4o': provider id 'OpenAI' must match [a-z0-9][a-z0-9_-]{0,31}");
        assertThatThrownBy(() -> ModelId.parse("/gpt-4o"))
                .hasMessage("model id '/gpt-4o': provider id '' must match [a-z0-9][a-z0-9_-]{0,31}");
    }

    @Test
    void badModel() {
        assertThatThrownBy(() -> ModelId.parse("openai/"))
                .hasMessage("model id 'openai/': model name '' must be 1 to 200 characters without whitespace");
        assertThatThrownBy(() -> ModelId.parse("openai/gpt 4"))
                .hasMessage("model id 'openai/gpt 4': model name 'gpt 4' must be 1 to 200 characters without whitespace");
    }

    @Test
    void stopReasons() {
        assertThat(StopReason.parse("tool_use").isTerminal()).isFalse();
        assertThat(StopReason.parse("pause_turn").isTerminal()).isTrue();
        assertThatThrownBy(() -> StopReason.parse("length")).hasMessage("unknown stop reason 'length'");
    }

    @Test
    void retryableErrors() {
        assertThat(new ModelError.Http("openai", 503, "").retryable()).isTrue();
        assertThat(new ModelError.Http("openai", 400, "bad").retryable()).isFalse();
        assertThat(new ModelError.Cancelled().retryable()).isFalse();
        assertThat(new ModelException(new ModelError.Http("openai", 502, "bad gateway")))
                .hasMessage("openai answered HTTP 502: bad gateway");
    }
}
