package dev.trellis.api.auth;

import java.util.List;
import java.util.Objects;

/** Providers that have a credential chain. {@link #id()} equals the provider part of a model id. */
public enum ProviderKind {
    /** OAuth (codex login) or API key. */
    OPENAI("openai", true, "OPENAI_API_KEY"),
    /** API key only. */
    ANTHROPIC("anthropic", false, "ANTHROPIC_API_KEY"),
    /** API key only. */
    GEMINI("gemini", false, "GEMINI_API_KEY");

    private final String id;
    private final boolean oauth;
    private final String envVar;

    ProviderKind(String id, boolean oauth, String envVar) {
        this.id = id;
        this.oauth = oauth;
        this.envVar = envVar;
    }

    public String id() {
        return id;
    }

    /** True if {@link LoginService} can log in to this provider. */
    public boolean supportsOAuth() {
        return oauth;
    }

    /** Environment variable holding an API key. */
    public String envVar() {
        return envVar;
    }

    /**
     * Every environment variable the chain reads for an API key, in the order it tries them
     * ({@link #envVar()} first; Gemini also reads {@code GOOGLE_API_KEY}).
     *
     * @since 1.1
     */
    public List<String> envVars() {
        return this == GEMINI ? List.of(envVar, "GOOGLE_API_KEY") : List.of(envVar);
    }

    /** @throws IllegalArgumentException for an unknown provider id */
    public static ProviderKind parse(String id) {
        Objects.requireNonNull(id, "provider id");
        for (ProviderKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no credentials are managed for provider '" + id
                + "' (expected openai, anthropic or gemini)");
    }
}
