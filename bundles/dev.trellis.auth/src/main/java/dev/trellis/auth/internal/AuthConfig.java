package dev.trellis.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of PID {@code dev.trellis.auth}; the component reads the same names with {@code AuthSettings.from}. */
@ObjectClassDefinition(name = "Trellis auth", description = "Where provider credentials are stored, and the OpenAI"
        + " (codex) login. ./trellis auth reads the same settings from dev.trellis.auth.cfg in the config directory.")
@interface AuthConfig {

    @AttributeDefinition(name = "OpenAI login store", description = "auto: codex's auth.json ($CODEX_HOME or ~/.codex)"
            + " if it exists, else Trellis' own <trellis.home>/openai/auth.json; codex: always codex's file (shared with"
            + " the codex CLI, created if missing); trellis: always Trellis' own file.",
            options = {@org.osgi.service.metatype.annotations.Option(value = "auto"),
                    @org.osgi.service.metatype.annotations.Option(value = "codex"),
                    @org.osgi.service.metatype.annotations.Option(value = "trellis")})
    String openai_store() default "auto";

    @AttributeDefinition(name = "codex home", description = "Directory of codex's auth.json. Empty: $CODEX_HOME,"
            + " else ~/.codex.", required = false)
    String codex_home() default "";

    @AttributeDefinition(name = "API key file", description = "Where Anthropic and Gemini keys entered in Trellis"
            + " are kept (mode 0600). Empty: <trellis.home>/api-keys.json.", required = false)
    String keys_file() default "";

    @AttributeDefinition(name = "OpenAI issuer", description = "Authorization server. Empty: $TRELLIS_OPENAI_ISSUER,"
            + " else https://auth.openai.com.", required = false)
    String openai_issuer() default "";

    @AttributeDefinition(name = "OpenAI client id", description = "OAuth client id. Empty: the codex CLI's public"
            + " client app_EMoamEEZ73f0CkXaXp7hrann.", required = false)
    String openai_client_id() default "";

    @AttributeDefinition(name = "Token URL", description = "Overrides <issuer>/oauth/token. Empty:"
            + " $CODEX_REFRESH_TOKEN_URL_OVERRIDE, else derived from the issuer.", required = false)
    String openai_token_url() default "";

    @AttributeDefinition(name = "Revoke URL", description = "Overrides <issuer>/oauth/revoke. Empty:"
            + " $CODEX_REVOKE_TOKEN_URL_OVERRIDE, else derived from the issuer.", required = false)
    String openai_revoke_url() default "";

    @AttributeDefinition(name = "Callback ports", description = "Loopback login ports tried in order; when all are"
            + " taken the login falls back to the device code.")
    int[] loopback_ports() default {1455, 1457};

    @AttributeDefinition(name = "Callback timeout (s)", description = "How long a browser login may take.")
    int loopback_timeout_seconds() default 300;

    @AttributeDefinition(name = "Refresh margin (s)", description = "OAuth tokens expiring within this many seconds"
            + " are refreshed before use.")
    int refresh_margin_seconds() default 8;

    @AttributeDefinition(name = "Lock timeout (s)", description = "How long to wait for auth.json.lock held by"
            + " another process (codex, another Trellis) before failing.")
    int lock_timeout_seconds() default 30;

    @AttributeDefinition(name = "HTTP timeout (s)", description = "Per request to the authorization server.")
    int http_timeout_seconds() default 20;

    @AttributeDefinition(name = "Read keys from the environment", description = "Use OPENAI_API_KEY,"
            + " ANTHROPIC_API_KEY, GEMINI_API_KEY / GOOGLE_API_KEY when set.")
    boolean environment_keys() default true;
}
