package dev.trellis.auth.internal.oauth;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the OpenAI (codex) login talks to, all derived from the issuer unless overridden.
 *
 * @param clientId     OAuth client id (codex CLI's public client by default)
 * @param scopes       space-separated scopes asked for
 * @param authorize    {@code {issuer}/oauth/authorize}
 * @param token        {@code {issuer}/oauth/token} (env {@code CODEX_REFRESH_TOKEN_URL_OVERRIDE})
 * @param revoke       {@code {issuer}/oauth/revoke} (env {@code CODEX_REVOKE_TOKEN_URL_OVERRIDE})
 * @param deviceCode   {@code {issuer}/api/accounts/deviceauth/usercode}
 * @param deviceToken  {@code {issuer}/api/accounts/deviceauth/token}
 * @param verification {@code {issuer}/codex/device}, shown when the server names no verification URL
 */
public record OpenAiEndpoints(String clientId, String scopes, URI authorize, URI token, URI revoke, URI deviceCode,
        URI deviceToken, URI verification) {

    /** OpenAI's public Codex CLI client id. */
    public static final String CODEX_CLIENT_ID = "app_EMoamEEZ73f0CkXaXp7hrann";
    public static final URI ISSUER = URI.create("https://auth.openai.com");
    public static final String SCOPES = "openid profile email offline_access api.connectors.read api.connectors.invoke";
    public static final String TOKEN_URL_ENV = "CODEX_REFRESH_TOKEN_URL_OVERRIDE";
    public static final String REVOKE_URL_ENV = "CODEX_REVOKE_TOKEN_URL_OVERRIDE";

    public OpenAiEndpoints {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(authorize, "authorize");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(revoke, "revoke");
        Objects.requireNonNull(deviceCode, "deviceCode");
        Objects.requireNonNull(deviceToken, "deviceToken");
        Objects.requireNonNull(verification, "verification");
    }

    public static OpenAiEndpoints of(URI issuer, String clientId, Optional<URI> token, Optional<URI> revoke) {
        String base = issuer.toString().replaceAll("/+$", "");
        return new OpenAiEndpoints(clientId, SCOPES, URI.create(base + "/oauth/authorize"),
                token.orElse(URI.create(base + "/oauth/token")), revoke.orElse(URI.create(base + "/oauth/revoke")),
                URI.create(base + "/api/accounts/deviceauth/usercode"), URI.create(base + "/api/accounts/deviceauth/token"),
                URI.create(base + "/codex/device"));
    }
}
