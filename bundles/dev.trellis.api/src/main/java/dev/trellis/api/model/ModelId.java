package dev.trellis.api.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model name qualified by its provider: {@code provider/model}, e.g. {@code openai/gpt-5-codex},
 * {@code anthropic/claude-sonnet-4-5}, {@code scripted/echo}. The provider part selects the
 * {@link ModelProvider} (its {@value ModelProvider#PROVIDER_ID} property); the model part is passed
 * to it unchanged and may itself contain '/' (e.g. {@code ollama/library/llama3}).
 *
 * @param provider lower-case provider id: {@code [a-z0-9][a-z0-9_-]{0,31}}
 * @param model    1 to 200 characters, no whitespace
 */
public record ModelId(String provider, String model) {

    public static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    public static final Pattern MODEL = Pattern.compile("\\S{1,200}");

    /** @throws IllegalArgumentException if either part is invalid; the message names it */
    public ModelId {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        if (!PROVIDER.matcher(provider).matches()) {
            throw new IllegalArgumentException("provider id '" + provider + "' must match " + PROVIDER.pattern());
        }
        if (!MODEL.matcher(model).matches()) {
            throw new IllegalArgumentException(
                    "model name '" + model + "' must be 1 to 200 characters without whitespace");
        }
    }

    /**
     * Parses {@code provider/model}; the first '/' separates them.
     *
     * @throws IllegalArgumentException if there is no '/', or a part is invalid; the message quotes the input
     */
    public static ModelId parse(String text) {
        Objects.requireNonNull(text, "model id");
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("model id '" + text + "' must be 'provider/model'");
        }
        try {
            return new ModelId(text.substring(0, slash), text.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model id '" + text + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
