package dev.trellis.provider.openai.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis provider: OpenAI",
        description = "Chat Completions and Responses APIs with an API key; the ChatGPT codex backend with an OAuth"
                + " login (./trellis auth login --provider openai). Credentials come from the credential resolver.")
@interface OpenAiConfig {

    @AttributeDefinition(name = "Chat Completions base URL",
            description = "API-key tier: requests for Chat Completions models go to <this>/chat/completions.")
    String chat_base_url() default "https://api.openai.com/v1";

    @AttributeDefinition(name = "Responses base URL",
            description = "API-key tier: requests for Responses models go to <this>/responses.")
    String responses_base_url() default "https://api.openai.com/v1";

    @AttributeDefinition(name = "Codex backend base URL",
            description = "OAuth (ChatGPT login) tier: every request goes to <this>/responses.")
    String codex_base_url() default "https://chatgpt.com/backend-api/codex";

    @AttributeDefinition(name = "Originator header",
            description = "Value of the 'originator' header sent to the codex backend.")
    String codex_originator() default "trellis";

    @AttributeDefinition(name = "Responses API models",
            description = "Glob patterns of model names sent to the Responses API (the codex family); every other"
                    + " model uses Chat Completions. The prefix openai_resp::<model> forces the Responses API.")
    String[] responses_models() default {"gpt-5*", "codex*", "chatgpt*", "gpt-*-codex*", "gpt-*-pro*"};

    @AttributeDefinition(name = "Reasoning summary",
            description = "reasoning.summary asked of Responses-API models of the codex family (auto, concise,"
                    + " detailed); empty to ask for none.")
    String reasoning_summary() default "auto";

    @AttributeDefinition(name = "Listed models",
            description = "Model names models() reports (the provider keeps no catalog; any name is passed on).")
    String[] models() default {"gpt-5-codex", "gpt-5", "gpt-5-mini", "gpt-4.1", "gpt-4o", "gpt-4o-mini"};

    @AttributeDefinition(name = "Connect timeout (ms)", min = "1")
    int connect_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Response timeout (ms)", min = "1",
            description = "Longest wait for the response headers.")
    int response_timeout_ms() default 120_000;

    @AttributeDefinition(name = "Idle timeout (ms)", min = "1",
            description = "Longest silence between two chunks of a running stream before it fails with Timeout.")
    int idle_timeout_ms() default 300_000;

    @AttributeDefinition(name = "Drain timeout (ms)", min = "0",
            description = "When the component stops (bundle update, config change), how long running streams may"
                    + " finish before they are ended and the HTTP client closes.")
    int drain_timeout_ms() default 30_000;
}
