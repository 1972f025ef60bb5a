package dev.trellis.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialTest {

    private static final Instant EXPIRY = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void toStringNeverShowsSecrets() {
        var tokens = new Credential.OAuthTokens("access-token-secret-1234", "refresh-token-secret-5678",
                IdTokenClaims.NONE, EXPIRY, Optional.of("account-9876"));
        assertThat(tokens.toString()).isEqualTo(
                "OAuthTokens[access=...1234, expiresAt=2026-11-25T12:00:00Z, account=...9876]")
                .doesNotContain("secret");
        var key = new Credential.ApiKey("sk-very-secret-abcd", Credential.KeySource.ENVIRONMENT);
        assertThat(key).hasToString("ApiKey[key=...abcd, source=ENVIRONMENT]");
        assertThat(new Credential.ApiKey("short", Credential.KeySource.STORED))
                .hasToString("ApiKey[key=***, source=STORED]");
    }

    @Test
    void expiryMargin() {
        var tokens = new Credential.OAuthTokens("a", "r", IdTokenClaims.NONE, EXPIRY, Optional.empty());
        assertThat(tokens.expiresWithin(Duration.ofSeconds(8), EXPIRY.minusSeconds(9))).isFalse();
        assertThat(tokens.expiresWithin(Duration.ofSeconds(8), EXPIRY.minusSeconds(8))).isTrue();
    }

    @Test
    void blankSecretsRejected() {
        assertThatThrownBy(() -> new Credential.ApiKey(" ", Credential.KeySource.STORED)).hasMessage("key is blank");
    }

    @Test
    void providerKinds() {
        assertThat(ProviderKind.parse("openai").supportsOAuth()).isTrue();
        assertThat(ProviderKind.parse("anthropic").supportsOAuth()).isFalse();
        assertThatThrownBy(() -> ProviderKind.parse("scripted"))
                .hasMessage("no credentials are managed for provider 'scripted' (expected openai, anthropic or gemini)");
        assertThat(new AuthError.NoAuthAvailable(ProviderKind.ANTHROPIC).message())
                .isEqualTo("no credentials for anthropic: log in or set ANTHROPIC_API_KEY");
    }
}
