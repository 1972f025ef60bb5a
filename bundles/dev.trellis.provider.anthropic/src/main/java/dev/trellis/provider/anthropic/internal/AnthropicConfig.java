package dev.trellis.provider.anthropic.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis provider: Anthropic",
        description = "The Messages API with an API key (ANTHROPIC_API_KEY or a stored key). OAuth logins are refused:"
                + " Anthropic does not allow consumer subscription tokens in third-party tools.")
@interface AnthropicConfig {

    @AttributeDefinition(name = "Base URL", description = "Requests go to <this>/messages.")
    String base_url() default "https://api.anthropic.com/v1";

    @AttributeDefinition(name = "Default max tokens", min = "1",
            description = "max_tokens when the request sets none (the Messages API requires it).")
    int max_tokens() default 8192;

    @AttributeDefinition(name = "Thinking budget (tokens)", min = "0",
            description = "Extended thinking budget_tokens; 0 turns thinking off, otherwise at least 1024. A request whose"
                    + " max tokens do not exceed the budget runs without thinking.")
    int thinking_budget_tokens() default 0;

    @AttributeDefinition(name = "Extra beta headers",
            description = "anthropic-beta values sent with every request (opt-ins such as"
                    + " interleaved-thinking-2025-05-14). extended-cache-ttl-2025-04-11 is added by itself when a"
                    + " 1-hour cache breakpoint is sent.")
    String[] extra_betas() default {};

    @AttributeDefinition(name = "Listed models", description = "Model names models() reports; any name is passed on.")
    String[] models() default {"claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5"};

    @AttributeDefinition(name = "Connect timeout (ms)", min = "1")
    int connect_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Response timeout (ms)", min = "1", description = "Longest wait for the response headers.")
    int response_timeout_ms() default 120_000;

    @AttributeDefinition(name = "Idle timeout (ms)", min = "1",
            description = "Longest silence between two chunks of a running stream (Anthropic pings keep it alive).")
    int idle_timeout_ms() default 300_000;

    @AttributeDefinition(name = "Drain timeout (ms)", min = "0",
            description = "When the component stops, how long running streams may finish before the HTTP client closes.")
    int drain_timeout_ms() default 30_000;
}
