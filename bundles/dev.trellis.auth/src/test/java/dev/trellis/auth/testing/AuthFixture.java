package dev.trellis.auth.testing;

import dev.trellis.auth.internal.core.AuthEngine;
import dev.trellis.auth.internal.core.AuthLog;
import dev.trellis.auth.internal.core.AuthSettings;
import dev.trellis.auth.internal.core.Environment;
import dev.trellis.auth.internal.core.Pause;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake authorization server, a movable clock, temporary codex and Trellis homes and an empty environment:
 * everything an engine under test needs, and nothing of the developer's machine. Close it after the test.
 */
public final class AuthFixture implements AutoCloseable {

    public final MutableClock clock = new MutableClock();
    public final FakeAuthServer server;
    public final Path codexHome;
    public final Path trellisHome;
    public final Map<String, String> env = new HashMap<>();
    public final Map<String, Object> props = new HashMap<>();
    public final List<String> warnings = new CopyOnWriteArrayList<>();
    public Pause lockPause = Pause.REAL;
    private final List<AuthEngine> engines = new ArrayList<>();

    public AuthFixture(Path tmp) throws IOException {
        server = new FakeAuthServer(clock);
        codexHome = tmp.resolve("codex");
        trellisHome = tmp.resolve("trellis");
        props.put("openai.issuer", server.issuer().toString());
        props.put("codex.home", codexHome.toString());
        props.put("loopback.ports", "0"); // any free port: tests never use 1455/1457
    }

    public AuthSettings settings() {
        return AuthSettings.from(props, Environment.of(env), trellisHome);
    }

    /** A new engine on the current settings (closed with the fixture). */
    public AuthEngine engine() {
        AuthEngine e = new AuthEngine(settings(), Environment.of(env), clock, clock.pause(), lockPause, new AuthLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        });
        engines.add(e);
        return e;
    }

    public Path codexFile() {
        return codexHome.resolve("auth.json");
    }

    /** Writes {@code json} as codex's auth.json (creating codex home). */
    public void writeCodexFile(String json) throws IOException {
        Files.createDirectories(codexHome);
        Files.writeString(codexFile(), json, StandardCharsets.UTF_8);
    }

    /**
     * A codex-shaped auth.json with a ChatGPT login whose access token expires in {@code expiresIn}, a refresh
     * token the fake server accepts, and fields Trellis does not know (top level and inside tokens).
     *
     * @return the access token
     */
    public String codexLogin(Duration expiresIn) throws IOException {
        String access = Jwts.accessToken("at-file", clock.instant().plus(expiresIn).getEpochSecond());
        String refresh = server.issueRefreshToken();
        writeCodexFile("""
                {
                  "auth_mode": "chatgpt",
                  "OPENAI_API_KEY": null,
                  "tokens": {
                    "id_token": "%s",
                    "access_token": "%s",
                    "refresh_token": "%s",
                    "account_id": "acct-1234abcd",
                    "future_token_field": {"kept": true}
                  },
                  "last_refresh": "2026-11-20T08:15:30.123456Z",
                  "agent_identity": null,
                  "codex_future_setting": [1, 2, 3]
                }""".formatted(Jwts.idToken("dev@example.com", "plus", "acct-1234abcd"), access, refresh));
        return access;
    }

    public String codexFileText() throws IOException {
        return Files.readString(codexFile(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        engines.forEach(AuthEngine::close);
        server.close();
    }

    /** @return a mutable env copy for the given entries (helper for readability) */
    public static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    public static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
