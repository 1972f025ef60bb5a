package dev.trellis.provider.gemini.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis provider: Gemini",
        description = "Google Gemini streamGenerateContent (SSE) with function calling; API key only"
                + " (GEMINI_API_KEY or a stored key).")
@interface GeminiConfig {

    @AttributeDefinition(name = "Base URL",
            description = "Requests go to <this>/models/<model>:streamGenerateContent?alt=sse.")
    String base_url() default "https://generativelanguage.googleapis.com/v1beta";

    @AttributeDefinition(name = "Thinking models",
            description = "Glob patterns of models asked for thought summaries (thinkingConfig.includeThoughts).")
    String[] thinking_models() default {"gemini-2.5*", "gemini-3*"};

    @AttributeDefinition(name = "Listed models", description = "Model names models() reports; any name is passed on.")
    String[] models() default {"gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite"};

    @AttributeDefinition(name = "Connect timeout (ms)", min = "1")
    int connect_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Response timeout (ms)", min = "1", description = "Longest wait for the response headers.")
    int response_timeout_ms() default 120_000;

    @AttributeDefinition(name = "Idle timeout (ms)", min = "1",
            description = "Longest silence between two chunks of a running stream.")
    int idle_timeout_ms() default 300_000;

    @AttributeDefinition(name = "Drain timeout (ms)", min = "0",
            description = "When the component stops, how long running streams may finish before the HTTP client closes.")
    int drain_timeout_ms() default 30_000;
}
