package dev.trellis.auth.testing;

import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.DeviceCode;
import dev.trellis.api.auth.LoginFlow;
import dev.trellis.api.auth.LoginProgress;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.auth.internal.core.AuthEngine;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Plays the person logging in: records what the login shows, and for the loopback flow plays the browser (an
 * HTTP GET of the redirect URL with the code and state the authorization server would send).
 */
public final class LoginDriver implements LoginProgress {

    private final AuthFixture fx;
    private final AuthEngine engine;
    public final List<URI> browserUrls = new CopyOnWriteArrayList<>();
    public final List<DeviceCode> deviceCodes = new CopyOnWriteArrayList<>();
    public final CompletableFuture<HttpResponse<String>> callbackResponse = new CompletableFuture<>();
    /** What the browser does with the authorize URL's parameters: returns the callback query to send, or null. */
    private volatile Function<Map<String, String>, String> browser;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public LoginDriver(AuthFixture fx, AuthEngine engine) {
        this.fx = fx;
        this.engine = engine;
    }

    /** The user approves in the browser: the callback carries a valid code and the login's state. */
    public LoginDriver approvingBrowser() {
        browser = q -> "code=" + fx.server.approve(q.get("code_challenge")) + "&state=" + q.get("state");
        return this;
    }

    /** The browser comes back with {@code query} (use {@code {state}} for the login's state). */
    public LoginDriver browserReturning(String query) {
        browser = q -> query.replace("{state}", q.get("state"));
        return this;
    }

    @Override
    public void openBrowser(URI authorizeUrl) {
        browserUrls.add(authorizeUrl);
        Function<Map<String, String>, String> b = browser;
        if (b == null) {
            return;
        }
        Map<String, String> q = query(authorizeUrl);
        String callback = q.get("redirect_uri") + "?" + b.apply(q);
        http.sendAsync(HttpRequest.newBuilder(URI.create(callback)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> {
                    if (e != null) {
                        callbackResponse.completeExceptionally(e);
                    } else {
                        callbackResponse.complete(r);
                    }
                });
    }

    @Override
    public void showDeviceCode(DeviceCode code) {
        deviceCodes.add(code);
    }

    /** Runs a login to its end (at most 30 s); rethrows its {@link AuthException}. */
    public AuthStatus login(LoginFlow flow) {
        try {
            return engine.login(ProviderKind.OPENAI, flow, this).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthException ae) {
                throw ae;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A device-code login the user approves at the first poll. */
    public AuthStatus deviceCodeLogin() {
        fx.server.deviceAnswers("approved");
        return login(LoginFlow.DEVICE_CODE);
    }

    public static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }
}
