package dev.trellis.gateway.internal;

import dev.trellis.api.model.ModelId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's configuration, checked. A bad value is reported (PID, property, value, why) and replaced by
 * its default, so a typo never takes the gateway down.
 */
record GatewaySettings(Optional<ModelId> defaultModel, List<ModelId> candidates, RetryPolicy retry,
        Limits defaultLimits, Map<String, Limits> limits, Duration rateMaxWait, Duration firstEventTimeout,
        Duration idleTimeout, Duration unknownProviderWait, Duration swapWait, Duration drainTimeout,
        Duration modelsCache, int recentErrors, int swapHistory) {

    static final String PID = "dev.trellis.gateway";
    private static final Pattern LIMIT = Pattern.compile("\\s*([a-z0-9][a-z0-9_-]{0,31})\\s*=\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");

    /** Requests per minute and per day; 0 = no limit. */
    record Limits(int perMinute, int perDay) {
    }

    static GatewaySettings defaults() {
        return new GatewaySettings(Optional.empty(), List.of(ModelId.parse("openai/gpt-5-codex"),
                ModelId.parse("anthropic/claude-sonnet-4-5"), ModelId.parse("gemini/gemini-2.5-pro")),
                RetryPolicy.DEFAULT, new Limits(60, 5000),
                Map.of("scripted", new Limits(0, 0)), Duration.ofSeconds(60), Duration.ofSeconds(180),
                Duration.ofSeconds(120), Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofMinutes(5), 20, 50);
    }

    Limits limitsFor(String providerId) {
        return limits.getOrDefault(providerId, defaultLimits);
    }

    /** Reads the configuration; every problem goes to {@code problems} as one line. */
    static GatewaySettings of(GatewayConfig c, Consumer<String> problems) {
        Optional<ModelId> defaultModel = Optional.empty();
        String dm = c.default_model() == null ? "" : c.default_model().strip();
        if (!dm.isEmpty()) {
            defaultModel = model(dm, "default.model", problems);
        }
        List<ModelId> candidates = new ArrayList<>();
        String[] cs = c.default_candidates() == null ? new String[0] : c.default_candidates();
        for (int i = 0; i < cs.length; i++) {
            if (!cs[i].isBlank()) {
                model(cs[i].strip(), "default.candidates entry " + (i + 1), problems).ifPresent(candidates::add);
            }
        }
        RetryPolicy retry;
        try {
            retry = new RetryPolicy(c.retry_max_attempts(), Duration.ofMillis(c.retry_base_ms()),
                    Duration.ofMillis(c.retry_max_ms()), c.retry_jitter());
        } catch (IllegalArgumentException e) {
            problems.accept(where("retry.*") + e.getMessage() + "; using the defaults (5 tries, 1 s, 60 s, 0.25)");
            retry = RetryPolicy.DEFAULT;
        }
        Limits defaults = new Limits(nonNegative(c.rate_per_minute(), 60, "rate.per.minute", problems),
                nonNegative(c.rate_per_day(), 5000, "rate.per.day", problems));
        Map<String, Limits> limits = new LinkedHashMap<>();
        String[] ls = c.rate_limits() == null ? new String[0] : c.rate_limits();
        for (int i = 0; i < ls.length; i++) {
            if (ls[i].isBlank()) {
                continue;
            }
            Matcher m = LIMIT.matcher(ls[i]);
            if (m.matches()) {
                try {
                    limits.put(m.group(1), new Limits(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
                    continue;
                } catch (NumberFormatException e) {
                    // too large: reported below
                }
            }
            problems.accept(where("rate.limits") + "entry " + (i + 1) + " '" + ls[i] + "' is not provider=perMinute/perDay"
                    + " (e.g. openai=60/5000, 0 = no limit); ignored");
        }
        return new GatewaySettings(defaultModel, List.copyOf(candidates), retry, defaults, Map.copyOf(limits),
                millis(c.rate_max_wait_ms(), 60_000, "rate.max.wait.ms", problems),
                millis(c.timeout_first_event_ms(), 180_000, "timeout.first.event.ms", problems),
                millis(c.timeout_idle_ms(), 120_000, "timeout.idle.ms", problems),
                millis(c.provider_wait_ms(), 5_000, "provider.wait.ms", problems),
                millis(c.provider_swap_wait_ms(), 60_000, "provider.swap.wait.ms", problems),
                millis(c.drain_timeout_ms(), 60_000, "drain.timeout.ms", problems),
                Duration.ofSeconds(nonNegative(c.models_cache_seconds(), 300, "models.cache.seconds", problems)),
                Math.max(1, c.recent_errors()), Math.max(1, c.swap_history()));
    }

    private static Optional<ModelId> model(String text, String property, Consumer<String> problems) {
        try {
            return Optional.of(ModelId.parse(text));
        } catch (IllegalArgumentException e) {
            problems.accept(where(property) + e.getMessage() + "; ignored");
            return Optional.empty();
        }
    }

    private static Duration millis(long value, long fallback, String property, Consumer<String> problems) {
        if (value < 0) {
            problems.accept(where(property) + "must be 0 or more, was " + value + "; using " + fallback);
            return Duration.ofMillis(fallback);
        }
        return Duration.ofMillis(value);
    }

    private static int nonNegative(int value, int fallback, String property, Consumer<String> problems) {
        if (value < 0) {
            problems.accept(where(property) + "must be 0 or more, was " + value + "; using " + fallback);
            return fallback;
        }
        return value;
    }

    private static String where(String property) {
        return "configuration " + PID + ", property '" + property + "': ";
    }
}
