package dev.trellis.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The device-code part of an OpenAI-like authorization server on 127.0.0.1 (port 0), for the host under test
 * ({@code TRELLIS_OPENAI_ISSUER}): the user code {@code WDJB-MJHT}, a 1 s poll interval, "pending" for the first
 * {@code pendingPolls} polls, then tokens (unsigned JWTs, as the client does not check signatures); revocations
 * are recorded.
 */
final class FakeIssuer implements AutoCloseable {

    static final String USER_CODE = "WDJB-MJHT";

    private final HttpServer server;
    private final AtomicInteger polls = new AtomicInteger();
    private final int pendingPolls;
    final List<String> revoked = new CopyOnWriteArrayList<>();

    FakeIssuer(int pendingPolls) {
        this.pendingPolls = pendingPolls;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/accounts/deviceauth/usercode", ex -> send(ex, 200, "{\"device_code\":\"dc-1\","
                + "\"user_code\":\"" + USER_CODE + "\",\"verification_uri\":\"" + url() + "/codex/device\","
                + "\"interval\":1,\"expires_in\":900}"));
        server.createContext("/api/accounts/deviceauth/token", ex -> {
            ex.getRequestBody().readAllBytes();
            if (polls.incrementAndGet() <= pendingPolls) {
                send(ex, 400, "{\"error\":\"authorization_pending\"}");
            } else {
                long exp = System.currentTimeMillis() / 1000 + 3600;
                send(ex, 200, "{\"access_token\":\"" + jwt("{\"exp\":" + exp + "}") + "\",\"refresh_token\":\"rt-browser\","
                        + "\"id_token\":\"" + jwt("{\"email\":\"b@example.com\",\"https://api.openai.com/auth\":"
                        + "{\"chatgpt_plan_type\":\"pro\",\"chatgpt_account_id\":\"acct-77-wxyz\"}}") + "\"}");
            }
        });
        server.createContext("/oauth/revoke", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            revoked.add(body);
            send(ex, 200, "{}");
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int polls() {
        return polls.get();
    }

    private static String jwt(String payload) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return b.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
