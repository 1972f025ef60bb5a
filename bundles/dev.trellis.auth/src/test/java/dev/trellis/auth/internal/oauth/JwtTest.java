package dev.trellis.auth.internal.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.auth.testing.Jwts;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtTest {

    @Test
    void claimsOfAnOpenAiIdToken() throws Exception {
        var c = Jwt.claims(Jwts.idToken("a@b.c", "pro", "acct-9"));
        assertThat(c.email()).contains("a@b.c");
        assertThat(c.planType()).contains("pro");
        assertThat(c.userId()).contains("user-42");
        assertThat(c.accountId()).contains("acct-9");
    }

    @Test
    void emailFromTheProfileNamespaceAndUserIdFallback() throws Exception {
        var c = Jwt.claims(Jwts.jwt(Map.of("https://api.openai.com/profile", Map.of("email", "p@q.r"),
                "https://api.openai.com/auth", Map.of("user_id", "u-1"))));
        assertThat(c.email()).contains("p@q.r");
        assertThat(c.userId()).contains("u-1");
        assertThat(c.accountId()).isEmpty();
        assertThat(c.planType()).isEmpty();
    }

    @Test
    void expiryFromExp() {
        assertThat(Jwt.expiry(Jwts.accessToken("x", 1_800_000_000L))).contains(Instant.ofEpochSecond(1_800_000_000L));
        assertThat(Jwt.expiry("opaque-token")).isEmpty();
    }

    @Test
    void malformedTokensSayWhy() {
        assertThatThrownBy(() -> Jwt.claims("a.b")).hasMessageContaining("3 dot-separated parts");
        assertThatThrownBy(() -> Jwt.claims("a.***.c")).hasMessageContaining("base64url");
        assertThatThrownBy(() -> Jwt.claims("a.bm90IGpzb24.c")).hasMessageContaining("not JSON");
    }

    @Test
    void pkceChallengeIsS256OfTheVerifier() {
        // RFC 7636 appendix B
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        Pkce p = Pkce.create();
        assertThat(p.verifier()).hasSize(86); // 64 bytes
        assertThat(p.state()).hasSize(43); // 32 bytes
        assertThat(p.challenge()).isEqualTo(Pkce.challenge(p.verifier()));
    }
}
