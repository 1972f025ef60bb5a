package dev.trellis.auth.internal.core;

import dev.trellis.auth.internal.oauth.OpenAiEndpoints;
import java.lang.reflect.Array;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the auth engine is configured with. Built by {@link #from} from one set of properties (the
 * component configuration of PID {@code dev.trellis.auth}, or {@code dev.trellis.auth.cfg} read by the CLI)
 * plus the environment, so the host and {@code ./trellis auth} agree on where credentials live.
 *
 * @param store           which auth.json holds the OpenAI login
 * @param codexHome       codex's directory ({@code codex.home}, else {@code $CODEX_HOME}, else {@code ~/.codex})
 * @param trellisHome     Trellis' data directory
 * @param keysFile        Trellis' API-key file ({@code keys.file}, else {@code <trellisHome>/api-keys.json})
 * @param endpoints       the OpenAI authorization server
 * @param loopbackPorts   callback ports tried in order
 * @param callbackTimeout how long a loopback login waits for the browser
 * @param refreshMargin   tokens expiring within this margin are refreshed before use
 * @param lockTimeout     how long to wait for the auth.json lock
 * @param httpTimeout     per request to the authorization server
 * @param environmentKeys whether API keys are read from environment variables
 */
public record AuthSettings(StoreMode store, Path codexHome, Path trellisHome, Path keysFile, OpenAiEndpoints endpoints,
        List<Integer> loopbackPorts, Duration callbackTimeout, Duration refreshMargin, Duration lockTimeout,
        Duration httpTimeout, boolean environmentKeys) {

    public static final String ISSUER_ENV = "TRELLIS_OPENAI_ISSUER";
    public static final List<Integer> DEFAULT_PORTS = List.of(1455, 1457);

    public AuthSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(codexHome, "codexHome");
        Objects.requireNonNull(trellisHome, "trellisHome");
        Objects.requireNonNull(keysFile, "keysFile");
        Objects.requireNonNull(endpoints, "endpoints");
        loopbackPorts = List.copyOf(loopbackPorts);
    }

    /** codex's auth.json. */
    public Path codexFile() {
        return codexHome.resolve("auth.json");
    }

    /** Trellis' own auth.json (same schema). */
    public Path trellisFile() {
        return trellisHome.resolve("openai").resolve("auth.json");
    }

    /** The auth.json to use now: for {@link StoreMode#AUTO} codex's if it exists. */
    public Path openAiFile() {
        return switch (store) {
            case CODEX -> codexFile();
            case TRELLIS -> trellisFile();
            case AUTO -> Files.exists(codexFile()) ? codexFile() : trellisFile();
        };
    }

    /** The same settings with another codex home (forces {@link StoreMode#CODEX}: {@code --codex-home}). */
    public AuthSettings withCodexHome(Path home) {
        return new AuthSettings(StoreMode.CODEX, home, trellisHome, keysFile, endpoints, loopbackPorts, callbackTimeout,
                refreshMargin, lockTimeout, httpTimeout, environmentKeys);
    }

    /**
     * Reads settings from properties named as in the metatype ({@code openai.store}, {@code codex.home},
     * {@code keys.file}, {@code openai.issuer}, {@code openai.client.id}, {@code openai.token.url},
     * {@code openai.revoke.url}, {@code loopback.ports}, {@code loopback.timeout.seconds},
     * {@code refresh.margin.seconds}, {@code lock.timeout.seconds}, {@code http.timeout.seconds},
     * {@code environment.keys}); missing ones take their defaults.
     *
     * @param props       property values (String, Number, Boolean, arrays or collections)
     * @param env         for {@code CODEX_HOME}, {@code TRELLIS_OPENAI_ISSUER} and the codex URL overrides
     * @param trellisHome Trellis' data directory
     * @throws IllegalArgumentException naming the property with a bad value
     */
    public static AuthSettings from(Map<String, ?> props, Environment env, Path trellisHome) {
        Function<String, Optional<String>> text = k -> Optional.ofNullable(props.get(k)).map(Object::toString)
                .map(String::strip).filter(s -> !s.isEmpty());
        Path userHome = Path.of(System.getProperty("user.home"));
        StoreMode store = text.apply("openai.store").map(StoreMode::parse).orElse(StoreMode.AUTO);
        Path codexHome = text.apply("codex.home").or(() -> env.get("CODEX_HOME")).map(Path::of)
                .orElse(userHome.resolve(".codex")).toAbsolutePath().normalize();
        Path keys = text.apply("keys.file").map(Path::of).orElse(trellisHome.resolve("api-keys.json")).toAbsolutePath()
                .normalize();
        URI issuer = uri("openai.issuer", text.apply("openai.issuer").or(() -> env.get(ISSUER_ENV)))
                .orElse(OpenAiEndpoints.ISSUER);
        Optional<URI> token = uri("openai.token.url",
                text.apply("openai.token.url").or(() -> env.get(OpenAiEndpoints.TOKEN_URL_ENV)));
        Optional<URI> revoke = uri("openai.revoke.url",
                text.apply("openai.revoke.url").or(() -> env.get(OpenAiEndpoints.REVOKE_URL_ENV)));
        String clientId = text.apply("openai.client.id").orElse(OpenAiEndpoints.CODEX_CLIENT_ID);
        List<Integer> ports = ports(props.get("loopback.ports"));
        return new AuthSettings(store, codexHome, trellisHome.toAbsolutePath().normalize(), keys,
                OpenAiEndpoints.of(issuer, clientId, token, revoke), ports,
                seconds(props, "loopback.timeout.seconds", 300), seconds(props, "refresh.margin.seconds", 8),
                seconds(props, "lock.timeout.seconds", 30), seconds(props, "http.timeout.seconds", 20),
                text.apply("environment.keys").map(AuthSettings::bool).orElse(true));
    }

    /**
     * Trellis' data directory as the console bundle finds it: property {@code trellis.home}, else
     * {@code $TRELLIS_HOME}, else {@code ~/.trellis}.
     */
    public static Path trellisHome(Function<String, String> property, Environment env) {
        return Optional.ofNullable(property.apply("trellis.home")).filter(s -> !s.isBlank())
                .or(() -> env.get("TRELLIS_HOME")).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".trellis")).toAbsolutePath().normalize();
    }

    private static Optional<URI> uri(String name, Optional<String> value) {
        return value.map(v -> {
            try {
                URI u = URI.create(v);
                if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
                return u;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be an http(s) URL, was '" + v + "'");
            }
        });
    }

    private static Duration seconds(Map<String, ?> props, String name, long dflt) {
        Object v = props.get(name);
        if (v == null || v.toString().isBlank()) {
            return Duration.ofSeconds(dflt);
        }
        try {
            double s = Double.parseDouble(v.toString().strip());
            if (s < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(s * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of seconds >= 0, was '" + v + "'");
        }
    }

    private static List<Integer> ports(Object v) {
        if (v == null) {
            return DEFAULT_PORTS;
        }
        List<String> parts = new ArrayList<>();
        if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) {
                parts.add(String.valueOf(Array.get(v, i)));
            }
        } else if (v instanceof Collection<?> c) {
            c.forEach(x -> parts.add(String.valueOf(x)));
        } else {
            parts.addAll(List.of(v.toString().split(",")));
        }
        List<Integer> ports = new ArrayList<>();
        for (String p : parts) {
            if (p.isBlank()) {
                continue;
            }
            try {
                int port = Integer.parseInt(p.strip());
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                ports.add(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("loopback.ports must list ports 0-65535, found '" + p.strip() + "'");
            }
        }
        return ports.isEmpty() ? DEFAULT_PORTS : ports;
    }

    private static boolean bool(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("environment.keys must be true or false, was '" + s + "'");
        };
    }
}
