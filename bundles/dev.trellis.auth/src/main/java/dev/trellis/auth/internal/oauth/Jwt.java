package dev.trellis.auth.internal.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.auth.IdTokenClaims;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads JWT payloads without checking signatures, as codex does: the claims are informational (the provider
 * checks the access token itself), and the expiry tells when to refresh.
 */
public final class Jwt {

    static final String AUTH_NS = "https://api.openai.com/auth";
    static final String PROFILE_NS = "https://api.openai.com/profile";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwt() {
    }

    /** Why a token is not a readable JWT. */
    public static final class MalformedJwt extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedJwt(String message) {
            super(message);
        }
    }

    /** The decoded payload. */
    public static JsonNode payload(String jwt) throws MalformedJwt {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new MalformedJwt("not a JWT (expected 3 dot-separated parts, found " + parts.length + ")");
        }
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(parts[1].replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new MalformedJwt("JWT payload is not base64url: " + e.getMessage());
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new MalformedJwt("JWT payload is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new MalformedJwt("JWT payload is not JSON: " + e.getMessage());
        }
    }

    /** Claims of an OpenAI id token: email, ChatGPT plan, user id, account id. */
    public static IdTokenClaims claims(String idToken) throws MalformedJwt {
        JsonNode p = payload(idToken);
        JsonNode auth = p.path(AUTH_NS);
        Optional<String> email = text(p, "email").or(() -> text(p.path(PROFILE_NS), "email"));
        return new IdTokenClaims(email, text(auth, "chatgpt_plan_type"),
                text(auth, "chatgpt_user_id").or(() -> text(auth, "user_id")), text(auth, "chatgpt_account_id"));
    }

    /** The {@code exp} claim, empty if the token is not a JWT or has none. */
    public static Optional<Instant> expiry(String token) {
        try {
            JsonNode exp = payload(token).get("exp");
            return exp != null && exp.canConvertToLong() ? Optional.of(Instant.ofEpochSecond(exp.asLong()))
                    : Optional.empty();
        } catch (MalformedJwt e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v != null && v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }
}
