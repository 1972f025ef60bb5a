package dev.trellis.auth.internal.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * The browser's way back after a PKCE login: a tiny HTTP server on {@code 127.0.0.1} (the JDK's
 * {@code com.sun.net.httpserver}) on the first free port of a list (1455, then 1457). Routes
 * {@code /auth/callback} (checks {@code state}, then {@code error}, then hands the code to the exchange),
 * {@code /success}, {@code /cancel}; everything else is 404. The outcome completes {@link #outcome()}.
 */
public final class LoopbackServer implements AutoCloseable {

    /** Exchanges the callback's code and stores the tokens; throws {@link AuthException} on failure. */
    @FunctionalInterface
    public interface CodeHandler {
        void accept(String code) throws InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI redirectUri;
    private final String expectedState;
    private final CodeHandler onCode;
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    private LoopbackServer(HttpServer server, ExecutorService executor, String expectedState, CodeHandler onCode) {
        this.server = server;
        this.executor = executor;
        this.redirectUri = URI.create("http://localhost:" + server.getAddress().getPort() + "/auth/callback");
        this.expectedState = expectedState;
        this.onCode = onCode;
        server.createContext("/", this::handle);
    }

    /**
     * Listens on the first port of {@code ports} that can be bound (0 = any free port).
     *
     * @return empty if every port is taken
     * @throws AuthException {@code LoopbackBindFailed} for a failure other than a port in use
     */
    public static Optional<LoopbackServer> bind(List<Integer> ports, String expectedState, CodeHandler onCode) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int port : ports) {
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(loopback, port), 16);
            } catch (BindException e) {
                continue; // taken: try the next one
            } catch (IOException e) {
                throw new AuthException(new AuthError.LoopbackBindFailed(ports.toString()), e);
            }
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            LoopbackServer s = new LoopbackServer(server, executor, expectedState, onCode);
            server.start();
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /** {@code http://localhost:<port>/auth/callback} */
    public URI redirectUri() {
        return redirectUri;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Completes when the callback was handled: normally after storing, exceptionally with the failure. */
    public CompletableFuture<Void> outcome() {
        return outcome;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            switch (path) {
                case "/auth/callback" -> callback(ex, q);
                case "/success" -> page(ex, 200, "Signed in to OpenAI",
                        "Trellis has stored the login. You can close this tab.");
                case "/cancel" -> {
                    page(ex, 200, "Login cancelled", "Nothing was stored. You can close this tab.");
                    outcome.completeExceptionally(new AuthException(new AuthError.Cancelled()));
                }
                default -> page(ex, 404, "Not found", "This address only answers the login callback.");
            }
        }
    }

    // The answer is sent before the outcome completes: the login thread closes the server once it is done.
    private void callback(HttpExchange ex, Map<String, String> q) throws IOException {
        if (outcome.isDone()) {
            page(ex, 409, "Login already finished", "This login has already ended. Start a new one if needed.");
            return;
        }
        if (!expectedState.equals(q.get("state"))) {
            page(ex, 400, "Login refused", "The callback's state does not match this login (a stale or forged"
                    + " link). Nothing was stored; start the login again.");
            outcome.completeExceptionally(new AuthException(new AuthError.StateInvalid()));
            return;
        }
        if (q.containsKey("error")) {
            String reason = q.get("error") + Optional.ofNullable(q.get("error_description")).map(d -> ": " + d).orElse("");
            page(ex, 200, "Login denied", "The authorization server said: " + reason + ". Nothing was stored.");
            outcome.completeExceptionally(new AuthException(new AuthError.OAuthDenied(reason)));
            return;
        }
        String code = q.get("code");
        if (code == null || code.isBlank()) {
            page(ex, 400, "Login failed", "The callback carried no authorization code. Nothing was stored.");
            outcome.completeExceptionally(new AuthException(new AuthError.OAuthDenied("callback without a code")));
            return;
        }
        try {
            onCode.accept(code);
        } catch (AuthException e) {
            page(ex, 502, "Login failed", e.getMessage() + ". Nothing was stored.");
            outcome.completeExceptionally(e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            page(ex, 503, "Login cancelled", "Nothing was stored.");
            outcome.completeExceptionally(new AuthException(new AuthError.Cancelled()));
            return;
        } catch (RuntimeException e) {
            page(ex, 500, "Login failed", "Unexpected error: " + e + ". Nothing was stored.");
            outcome.completeExceptionally(e);
            return;
        }
        ex.getResponseHeaders().set("Location", "/success");
        ex.sendResponseHeaders(302, -1);
        outcome.complete(null);
    }

    private static void page(HttpExchange ex, int status, String title, String text) throws IOException {
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(k, v);
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(1); // returns as soon as no exchange is active
        executor.shutdownNow();
    }
}
