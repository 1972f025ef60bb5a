package dev.trellis.auth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Unsigned JWTs shaped like OpenAI's (the client never checks signatures). */
public final class Jwts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwts() {
    }

    public static String jwt(Map<String, ?> claims) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = b64.encodeToString(JSON.writeValueAsBytes(claims));
            return header + "." + payload + "." + b64.encodeToString("not-checked".getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An access token that expires at {@code exp} (epoch seconds). */
    public static String accessToken(String id, long exp) {
        return jwt(Map.of("jti", id, "exp", exp));
    }

    /** An id token with email, plan, user id and (if not null) account id. */
    public static String idToken(String email, String plan, String accountId) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("chatgpt_plan_type", plan);
        auth.put("chatgpt_user_id", "user-42");
        if (accountId != null) {
            auth.put("chatgpt_account_id", accountId);
        }
        return jwt(Map.of("email", email, "https://api.openai.com/auth", auth));
    }
}
