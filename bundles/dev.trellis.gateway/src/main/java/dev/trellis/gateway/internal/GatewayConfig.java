package dev.trellis.gateway.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis model gateway",
        description = "Routing of provider/model requests to model providers: default model, retries, rate limits,"
                + " timeouts and the waits that make a provider swap fail no request.")
@interface GatewayConfig {

    @AttributeDefinition(name = "Default model", required = false,
            description = "provider/model for agents that name none. Empty: the first of the candidates whose provider"
                    + " is registered and has a credential, else scripted/echo.")
    String default_model() default "";

    @AttributeDefinition(name = "Default model candidates",
            description = "Tried in order when no default model is set.")
    String[] default_candidates() default {"openai/gpt-5-codex", "anthropic/claude-sonnet-4-5", "gemini/gemini-2.5-pro"};

    @AttributeDefinition(name = "Tries", min = "1",
            description = "Most tries of one request (the first included) on retryable errors: 429, 5xx, overloaded,"
                    + " timeouts, provider unavailable. Only while nothing has reached the caller.")
    int retry_max_attempts() default 5;

    @AttributeDefinition(name = "Backoff base (ms)", min = "0",
            description = "Wait after the first failed try; doubles after each further one, plus up to 'jitter' of it.")
    long retry_base_ms() default 1000;

    @AttributeDefinition(name = "Backoff cap (ms)", min = "0",
            description = "Longest wait between tries, also for a provider's Retry-After hint.")
    long retry_max_ms() default 60_000;

    @AttributeDefinition(name = "Backoff jitter", min = "0", max = "1",
            description = "Random share added to each backoff wait (0.25 = up to 25 %).")
    double retry_jitter() default 0.25;

    @AttributeDefinition(name = "Requests per minute", min = "0",
            description = "Per provider, unless 'Rate limits' names it; 0 = no limit.")
    int rate_per_minute() default 60;

    @AttributeDefinition(name = "Requests per day", min = "0",
            description = "Per provider, unless 'Rate limits' names it; 0 = no limit.")
    int rate_per_day() default 5000;

    @AttributeDefinition(name = "Rate limits",
            description = "Per-provider limits as provider=perMinute/perDay (0 = no limit), e.g. openai=120/10000.")
    String[] rate_limits() default {"scripted=0/0"};

    @AttributeDefinition(name = "Longest rate-limit wait (ms)", min = "0",
            description = "A request that would wait longer for its provider's budget fails with RateLimited instead.")
    long rate_max_wait_ms() default 60_000;

    @AttributeDefinition(name = "First event timeout (ms)", min = "0",
            description = "How long a provider may take to send the first event of a stream; 0 = no limit.")
    long timeout_first_event_ms() default 180_000;

    @AttributeDefinition(name = "Idle timeout (ms)", min = "0",
            description = "Longest silence between two events of a stream; 0 = no limit.")
    long timeout_idle_ms() default 120_000;

    @AttributeDefinition(name = "Wait for an unknown provider (ms)", min = "0",
            description = "How long a request waits for a provider id the gateway has never seen (start-up order)"
                    + " before it fails with ProviderUnavailable.")
    long provider_wait_ms() default 5_000;

    @AttributeDefinition(name = "Wait during a provider swap (ms)", min = "0",
            description = "How long a request waits for a provider that was registered before and is being replaced;"
                    + " longer than the providers' own drain bound.")
    long provider_swap_wait_ms() default 60_000;

    @AttributeDefinition(name = "Drain bound (ms)", min = "0",
            description = "How long the gateway tracks a removed provider's streams, and how long it lets its own"
                    + " streams finish when it stops.")
    long drain_timeout_ms() default 60_000;

    @AttributeDefinition(name = "Model list cache (s)", min = "0",
            description = "How long a provider's model list is kept.")
    int models_cache_seconds() default 300;

    @AttributeDefinition(name = "Recent errors kept", min = "1", description = "Per provider.")
    int recent_errors() default 20;

    @AttributeDefinition(name = "Swap history kept", min = "1", description = "Provider instances coming and going.")
    int swap_history() default 50;
}
