package dev.trellis.auth.internal.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthError.RefreshFailure;
import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.IdTokenClaims;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The OpenAI authorization server's endpoints over JDK {@link HttpClient}: code exchange, refresh, device
 * code, revocation. Form-encoded POSTs, JSON answers. Non-2xx answers become the typed errors of
 * {@link AuthError}, with the server's status and (shortened) body.
 */
public final class OAuthClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_SHOWN = 2000;

    private final OpenAiEndpoints endpoints;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public OAuthClient(OpenAiEndpoints endpoints, HttpClient http, Duration timeout, Clock clock) {
        this.endpoints = endpoints;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    public OpenAiEndpoints endpoints() {
        return endpoints;
    }

    /** The browser URL of a PKCE login with callback {@code redirect}. */
    public URI authorizeUrl(Pkce pkce, URI redirect) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", endpoints.clientId());
        q.put("redirect_uri", redirect.toString());
        q.put("scope", endpoints.scopes());
        q.put("code_challenge", pkce.challenge());
        q.put("code_challenge_method", "S256");
        q.put("id_token_add_organizations", "true");
        q.put("state", pkce.state());
        return URI.create(endpoints.authorize() + "?" + form(q));
    }

    /** Exchanges an authorization code (loopback login). */
    public TokenSet exchange(String code, String verifier, URI redirect) throws InterruptedException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", redirect.toString());
        f.put("client_id", endpoints.clientId());
        f.put("code_verifier", verifier);
        HttpResponse<String> r = postForExchange(endpoints.token(), f);
        if (r.statusCode() != 200) {
            throw new AuthException(new AuthError.TokenExchangeFailed(r.statusCode(), shorten(r.body())));
        }
        return tokens(r.body(), Optional.empty());
    }

    /** Starts a device-code login. */
    public DeviceAuthorization startDeviceCode(Pkce pkce) throws InterruptedException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("client_id", endpoints.clientId());
        f.put("scope", endpoints.scopes());
        f.put("code_challenge", pkce.challenge());
        f.put("code_challenge_method", "S256");
        f.put("id_token_add_organizations", "true");
        HttpResponse<String> r = postForExchange(endpoints.deviceCode(), f);
        if (r.statusCode() != 200) {
            throw new AuthException(new AuthError.TokenExchangeFailed(r.statusCode(), shorten(r.body())));
        }
        JsonNode n = json(r.body(), "device authorization");
        String deviceCode = requiredText(n, "device_code", "device authorization");
        String userCode = requiredText(n, "user_code", "device authorization");
        URI verification = text(n, "verification_uri").map(URI::create).orElse(endpoints.verification());
        Optional<URI> complete = text(n, "verification_uri_complete").map(URI::create);
        Duration interval = seconds(n, "interval").orElse(DeviceAuthorization.DEFAULT_INTERVAL);
        Duration expiresIn = seconds(n, "expires_in").orElse(DeviceAuthorization.DEFAULT_EXPIRY);
        return new DeviceAuthorization(deviceCode, userCode, verification, complete, interval, expiresIn);
    }

    /** One poll of the device-code token endpoint. */
    public DevicePoll pollDeviceCode(DeviceAuthorization device, Pkce pkce) throws InterruptedException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
        f.put("device_code", device.deviceCode());
        f.put("client_id", endpoints.clientId());
        f.put("code_verifier", pkce.verifier());
        HttpResponse<String> r = postForExchange(endpoints.deviceToken(), f);
        if (r.statusCode() == 200) {
            return new DevicePoll.Approved(tokens(r.body(), Optional.empty()));
        }
        String error = errorCode(r.body()).orElse("");
        return switch (error) {
            case "authorization_pending" -> new DevicePoll.Pending();
            case "slow_down" -> new DevicePoll.SlowDown();
            case "access_denied" -> new DevicePoll.Denied();
            case "expired_token" -> new DevicePoll.Expired();
            default -> {
                // codex's server answers 403/404 without an RFC 8628 error while the user has not approved yet
                if (error.isEmpty() && (r.statusCode() == 403 || r.statusCode() == 404)) {
                    yield new DevicePoll.Pending();
                }
                throw new AuthException(new AuthError.TokenExchangeFailed(r.statusCode(), shorten(r.body())));
            }
        };
    }

    /**
     * Refreshes tokens. A rotated refresh token (or id token) in the answer replaces the old one; if the
     * server sends none, the old one is kept.
     *
     * @throws AuthException {@code RefreshFailed}: {@code refresh_token_expired} → EXPIRED,
     *                       {@code refresh_token_reused} → EXHAUSTED, {@code refresh_token_invalidated} → REVOKED,
     *                       other 4xx → OTHER, 5xx and network errors → TRANSIENT
     */
    public TokenSet refresh(TokenSet current) throws InterruptedException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("client_id", endpoints.clientId());
        f.put("refresh_token", current.refreshToken());
        f.put("scope", "openid profile email");
        HttpResponse<String> r;
        try {
            r = post(endpoints.token(), f);
        } catch (IOException e) {
            throw refreshFailed(RefreshFailure.TRANSIENT, "could not reach " + endpoints.token() + ": " + e);
        }
        int status = r.statusCode();
        if (status >= 500) {
            throw refreshFailed(RefreshFailure.TRANSIENT, "HTTP " + status + " " + shorten(r.body()));
        }
        if (status != 200) {
            String code = errorCode(r.body()).orElse("");
            RefreshFailure kind = switch (code) {
                case "refresh_token_expired" -> RefreshFailure.EXPIRED;
                case "refresh_token_reused" -> RefreshFailure.EXHAUSTED;
                case "refresh_token_invalidated" -> RefreshFailure.REVOKED;
                default -> RefreshFailure.OTHER;
            };
            throw refreshFailed(kind, "HTTP " + status + " " + shorten(r.body()));
        }
        try {
            return tokens(r.body(), Optional.of(current));
        } catch (AuthException e) {
            throw refreshFailed(RefreshFailure.OTHER, e.getMessage());
        }
    }

    /**
     * Revokes a refresh token (best effort; RFC 7009 form).
     *
     * @return what happened, for people
     */
    public String revoke(String refreshToken) throws InterruptedException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", refreshToken);
        f.put("token_type_hint", "refresh_token");
        f.put("client_id", endpoints.clientId());
        try {
            HttpResponse<String> r = post(endpoints.revoke(), f);
            return r.statusCode() / 100 == 2 ? "revoked at " + endpoints.revoke()
                    : "not revoked: " + endpoints.revoke() + " answered HTTP " + r.statusCode() + " "
                            + shorten(r.body()).strip();
        } catch (IOException e) {
            return "not revoked: could not reach " + endpoints.revoke() + " (" + e.getClass().getSimpleName() + ")";
        }
    }

    private TokenSet tokens(String body, Optional<TokenSet> previous) {
        JsonNode n = json(body, "token response");
        String access = requiredText(n, "access_token", "token response");
        Optional<String> refresh = text(n, "refresh_token");
        Optional<String> id = text(n, "id_token");
        if (previous.isEmpty() && id.isEmpty()) {
            throw malformed("token response has no id_token");
        }
        if (previous.isEmpty() && refresh.isEmpty()) {
            throw malformed("token response has no refresh_token");
        }
        String idToken = id.orElseGet(() -> previous.get().idToken());
        IdTokenClaims claims;
        try {
            claims = Jwt.claims(idToken);
        } catch (Jwt.MalformedJwt e) {
            throw malformed("id_token: " + e.getMessage());
        }
        Instant now = clock.instant();
        Instant expiresAt = Jwt.expiry(access)
                .or(() -> seconds(n, "expires_in").map(now::plus))
                .orElseThrow(() -> malformed("access_token has no exp claim and the answer no expires_in"));
        return new TokenSet(access, refresh.orElseGet(() -> previous.get().refreshToken()), idToken, claims, expiresAt);
    }

    private HttpResponse<String> postForExchange(URI url, Map<String, String> form) throws InterruptedException {
        try {
            return post(url, form);
        } catch (IOException e) {
            throw new AuthException(new AuthError.TokenExchangeFailed(0, "no answer from " + url + ": " + e), e);
        }
    }

    private HttpResponse<String> post(URI url, Map<String, String> form) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** {@code error} as a string, {@code error.code}, or {@code code}: the shapes OpenAI's endpoints use. */
    static Optional<String> errorCode(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null) {
                return Optional.empty();
            }
            JsonNode e = n.get("error");
            if (e != null && e.isTextual()) {
                return Optional.of(e.asText());
            }
            if (e != null && e.isObject() && e.path("code").isTextual()) {
                return Optional.of(e.get("code").asText());
            }
            return text(n, "code");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static JsonNode json(String body, String what) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw malformed(what + " is not a JSON object: " + shorten(body));
            }
            return n;
        } catch (IOException e) {
            throw malformed(what + " is not JSON: " + shorten(body));
        }
    }

    private static String requiredText(JsonNode n, String field, String what) {
        return text(n, field).orElseThrow(() -> malformed(what + " has no " + field));
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static Optional<Duration> seconds(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !(v.isNumber() || v.isTextual())) {
            return Optional.empty();
        }
        try {
            double s = v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
            return s > 0 ? Optional.of(Duration.ofMillis(Math.round(s * 1000))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A 200 answer we cannot use: reported as a failed exchange with status 200 and the reason. */
    private static AuthException malformed(String reason) {
        return new AuthException(new AuthError.TokenExchangeFailed(200, reason));
    }

    private static AuthException refreshFailed(RefreshFailure kind, String detail) {
        return new AuthException(new AuthError.RefreshFailed(kind, detail));
    }

    static String shorten(String body) {
        String b = body == null ? "" : body.strip();
        return b.length() <= BODY_SHOWN ? b : b.substring(0, BODY_SHOWN) + "…";
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
