package dev.trellis.auth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trellis.auth.internal.oauth.Pkce;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenAI-like authorization server on 127.0.0.1 (port 0): {@code /oauth/token} (authorization_code with a
 * PKCE check, refresh_token with optional rotation), {@code /oauth/revoke}, and the device-code endpoints, answering
 * as the real wire format does. Failures are scripted per endpoint. Access tokens are JWTs whose {@code exp} follows
 * the given clock.
 */
public final class FakeAuthServer implements AutoCloseable {

    public record Answer(int status, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Clock clock;
    private final AtomicInteger serial = new AtomicInteger();
    /** authorization codes handed out by {@link #approve}: code → PKCE challenge. */
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> liveRefreshTokens = new ConcurrentHashMap<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger refreshCalls = new AtomicInteger();
    private final List<String> revoked = new CopyOnWriteArrayList<>();
    private final Deque<Answer> deviceAnswers = new ArrayDeque<>();
    private volatile Answer tokenFailure;
    private volatile Answer refreshFailure;
    private volatile Answer revokeFailure;
    private volatile boolean rotate = true;
    private volatile Duration lifetime = Duration.ofHours(1);
    private volatile String accountId = "acct-1234abcd";
    private volatile double deviceInterval = 5;
    private volatile long deviceExpiresIn = 900;
    private volatile String deviceChallenge;

    public FakeAuthServer(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/oauth/token", this::token);
        server.createContext("/oauth/revoke", this::revoke);
        server.createContext("/api/accounts/deviceauth/usercode", this::userCode);
        server.createContext("/api/accounts/deviceauth/token", this::deviceToken);
        server.start();
    }

    public URI issuer() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ---- scripting

    /** The browser leg: the user approved; returns the code the callback carries. */
    public String approve(String codeChallenge) {
        String code = "code-" + serial.incrementAndGet();
        codes.put(code, codeChallenge);
        return code;
    }

    public void failTokenExchange(int status, String body) {
        tokenFailure = new Answer(status, body);
    }

    public void failRefresh(int status, String body) {
        refreshFailure = new Answer(status, body);
    }

    public void succeedRefresh() {
        refreshFailure = null;
    }

    public void failRevoke(int status, String body) {
        revokeFailure = new Answer(status, body);
    }

    public void rotateRefreshTokens(boolean rotate) {
        this.rotate = rotate;
    }

    public void tokenLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    public void accountId(String accountId) {
        this.accountId = accountId;
    }

    public void deviceTiming(double intervalSeconds, long expiresInSeconds) {
        this.deviceInterval = intervalSeconds;
        this.deviceExpiresIn = expiresInSeconds;
    }

    /** Answers of the device token endpoint, in order; when they run out it keeps saying authorization_pending. */
    public synchronized void deviceAnswers(String... errorsOrApproved) {
        for (String a : errorsOrApproved) {
            deviceAnswers.add(a.equals("approved") ? new Answer(200, "") : new Answer(400, "{\"error\":\"" + a + "\"}"));
        }
    }

    /** A refresh token the server accepts (for auth.json files written by tests). */
    public String issueRefreshToken() {
        String rt = "rt-" + serial.incrementAndGet();
        liveRefreshTokens.put(rt, true);
        return rt;
    }

    public int refreshCalls() {
        return refreshCalls.get();
    }

    public List<String> revoked() {
        return List.copyOf(revoked);
    }

    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    // ---- handlers

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = form(ex);
        requests.add(form);
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> {
                Answer f = tokenFailure;
                if (f != null) {
                    send(ex, f.status(), f.body());
                    return;
                }
                String challenge = codes.remove(form.getOrDefault("code", ""));
                if (challenge == null || !challenge.equals(Pkce.challenge(form.getOrDefault("code_verifier", "")))) {
                    send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad code or verifier\"}");
                    return;
                }
                send(ex, 200, tokens(true));
            }
            case "refresh_token" -> {
                refreshCalls.incrementAndGet();
                Answer f = refreshFailure;
                if (f != null) {
                    send(ex, f.status(), f.body());
                    return;
                }
                String rt = form.getOrDefault("refresh_token", "");
                if (liveRefreshTokens.get(rt) == null) {
                    send(ex, 401, "{\"error\":{\"code\":\"refresh_token_reused\",\"message\":\"already used\"}}");
                    return;
                }
                if (rotate) {
                    liveRefreshTokens.remove(rt);
                }
                send(ex, 200, tokens(rotate));
            }
            default -> send(ex, 400, "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    private String tokens(boolean withRefreshToken) throws IOException {
        Map<String, Object> t = new HashMap<>();
        int n = serial.incrementAndGet();
        t.put("access_token", Jwts.accessToken("at-" + n, clock.instant().plus(lifetime).getEpochSecond()));
        t.put("id_token", Jwts.idToken("dev@example.com", "plus", accountId));
        if (withRefreshToken) {
            String rt = "rt-" + n;
            liveRefreshTokens.put(rt, true);
            t.put("refresh_token", rt);
        }
        t.put("token_type", "Bearer");
        return JSON.writeValueAsString(t);
    }

    private void revoke(HttpExchange ex) throws IOException {
        Map<String, String> form = form(ex);
        requests.add(form);
        Answer f = revokeFailure;
        if (f != null) {
            send(ex, f.status(), f.body());
            return;
        }
        revoked.add(form.get("token"));
        liveRefreshTokens.remove(form.get("token"));
        send(ex, 200, "{}");
    }

    private void userCode(HttpExchange ex) throws IOException {
        Map<String, String> form = form(ex);
        requests.add(form);
        deviceChallenge = form.get("code_challenge");
        send(ex, 200, JSON.writeValueAsString(Map.of("device_code", "dev-code-1", "user_code", "ABCD-EFGH",
                "verification_uri", issuer() + "/codex/device", "interval", deviceInterval, "expires_in",
                deviceExpiresIn)));
    }

    private void deviceToken(HttpExchange ex) throws IOException {
        Map<String, String> form = form(ex);
        requests.add(form);
        Answer next;
        synchronized (this) {
            next = deviceAnswers.poll();
        }
        if (next == null) {
            send(ex, 400, "{\"error\":\"authorization_pending\"}");
        } else if (next.status() == 200) {
            boolean pkceOk = deviceChallenge != null
                    && deviceChallenge.equals(Pkce.challenge(form.getOrDefault("code_verifier", "")));
            if (!pkceOk || !"dev-code-1".equals(form.get("device_code"))) {
                send(ex, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            send(ex, 200, tokens(true));
        } else {
            send(ex, next.status(), next.body());
        }
    }

    private static Map<String, String> form(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        form.put("_path", ex.getRequestURI().getPath());
        return form;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
