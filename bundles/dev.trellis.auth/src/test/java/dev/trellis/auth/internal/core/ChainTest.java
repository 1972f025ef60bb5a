package dev.trellis.auth.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.Credential;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.auth.testing.FixtureTest;
import dev.trellis.auth.testing.LoginDriver;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Chain order per provider, status without secrets, where files go (AC3 tier order, store modes). */
class ChainTest extends FixtureTest {

    @Test
    void openAiPrefersOAuthThenTheEnvironmentThenTheKeyInAuthJson() throws Exception {
        fx.writeCodexFile("{\"auth_mode\": \"apikey\", \"OPENAI_API_KEY\": \"sk-file-0123456789\"}");
        assertThat(resolve(ProviderKind.OPENAI)).isEqualTo(new Credential.ApiKey("sk-file-0123456789",
                Credential.KeySource.STORED));
        fx.env.put("OPENAI_API_KEY", "sk-env-0123456789");
        assertThat(resolve(ProviderKind.OPENAI)).isEqualTo(new Credential.ApiKey("sk-env-0123456789",
                Credential.KeySource.ENVIRONMENT));
        String access = fx.codexLogin(Duration.ofHours(1));
        assertThat(resolve(ProviderKind.OPENAI)).isInstanceOfSatisfying(Credential.OAuthTokens.class,
                t -> assertThat(t.accessToken()).isEqualTo(access));
        assertThat(fx.engine().status(ProviderKind.OPENAI).tier()).contains(AuthTier.OAUTH);
    }

    @Test
    void anthropicAndGeminiUseTheEnvironmentThenTheStoredKey() {
        AuthEngine engine = fx.engine();
        for (ProviderKind p : new ProviderKind[] {ProviderKind.ANTHROPIC, ProviderKind.GEMINI}) {
            assertThatThrownBy(() -> engine.resolve(p)).isInstanceOfSatisfying(AuthException.class,
                    e -> assertThat(e.error()).isEqualTo(new AuthError.NoAuthAvailable(p)));
            engine.storeApiKey(p, "stored-" + p.id() + "-key");
            assertThat(engine.resolve(p)).isEqualTo(new Credential.ApiKey("stored-" + p.id() + "-key",
                    Credential.KeySource.STORED));
        }
        fx.env.put("GOOGLE_API_KEY", "google-env-key-1");
        assertThat(resolve(ProviderKind.GEMINI).secret()).isEqualTo("google-env-key-1");
        fx.env.put("GEMINI_API_KEY", "gemini-env-key-1");
        assertThat(resolve(ProviderKind.GEMINI).secret()).isEqualTo("gemini-env-key-1");
        assertThat(fx.engine().status(ProviderKind.GEMINI).source()).contains("environment GEMINI_API_KEY");
        fx.env.put("ANTHROPIC_API_KEY", "  ");
        assertThat(resolve(ProviderKind.ANTHROPIC).secret()).isEqualTo("stored-anthropic-key"); // blank = unset
        fx.env.put("ANTHROPIC_API_KEY", "sk-ant-env-1");
        assertThat(resolve(ProviderKind.ANTHROPIC)).isEqualTo(new Credential.ApiKey("sk-ant-env-1",
                Credential.KeySource.ENVIRONMENT));
    }

    @Test
    void environmentKeysCanBeSwitchedOff() {
        fx.env.put("ANTHROPIC_API_KEY", "sk-ant-env-1");
        fx.props.put("environment.keys", "false");
        assertThat(fx.engine().status(ProviderKind.ANTHROPIC).tier()).isEmpty();
    }

    @Test
    void statusNeverShowsASecret() throws Exception {
        String access = fx.codexLogin(Duration.ofHours(1));
        fx.env.put("ANTHROPIC_API_KEY", "sk-ant-secret-987654321");
        AuthEngine engine = fx.engine();
        engine.storeApiKey(ProviderKind.GEMINI, "gm-secret-123456789");
        String refresh = ((Credential.OAuthTokens) engine.resolve(ProviderKind.OPENAI)).refreshToken();
        for (ProviderKind p : ProviderKind.values()) {
            AuthStatus s = engine.status(p);
            assertThat(s.toString()).doesNotContain(access).doesNotContain(refresh).doesNotContain("secret")
                    .doesNotContain("acct-1234abcd");
        }
        AuthStatus openai = engine.status(ProviderKind.OPENAI);
        assertThat(openai.accountSuffix()).contains("abcd");
        assertThat(openai.expiresAt()).contains(fx.clock.instant().plus(Duration.ofHours(1)));
        assertThat(openai.source()).hasValueSatisfying(s -> assertThat(s).contains(fx.codexFile().toString()));
        assertThat(engine.status(ProviderKind.GEMINI).tier()).contains(AuthTier.STORED_KEY);
        assertThat(engine.resolve(ProviderKind.GEMINI).toString()).doesNotContain("gm-secret-123456789");
    }

    @Test
    void autoStoreUsesCodexFileWhenItExistsElseTrellisOwn() throws Exception {
        AuthEngine engine = fx.engine();
        new LoginDriver(fx, engine).deviceCodeLogin();
        assertThat(fx.settings().trellisFile()).exists();
        assertThat(fx.codexFile()).doesNotExist();

        fx.codexLogin(Duration.ofHours(1));
        assertThat(fx.settings().openAiFile()).isEqualTo(fx.codexFile());
        assertThat(engine.status(ProviderKind.OPENAI).source()).hasValueSatisfying(s -> assertThat(s)
                .contains(fx.codexFile().toString()));

        fx.props.put("openai.store", "trellis");
        assertThat(fx.settings().openAiFile()).isEqualTo(fx.settings().trellisFile());
        fx.props.put("openai.store", "codex");
        Files.delete(fx.codexFile());
        assertThat(fx.settings().openAiFile()).isEqualTo(fx.codexFile());
    }

    @Test
    void clearRemovesLoginAndKeyRevokesAndKeepsUnknownFields() throws Exception {
        fx.codexLogin(Duration.ofHours(1));
        AuthEngine engine = fx.engine();
        engine.storeApiKey(ProviderKind.OPENAI, "sk-file-0123456789");
        String refresh = ((Credential.OAuthTokens) engine.resolve(ProviderKind.OPENAI)).refreshToken();

        var result = engine.clear(ProviderKind.OPENAI);

        assertThat(result.tokensRemoved()).isTrue();
        assertThat(result.keyRemoved()).isTrue();
        assertThat(result.revocation()).hasValueSatisfying(r -> assertThat(r).startsWith("revoked"));
        assertThat(fx.server.revoked()).containsExactly(refresh);
        assertThat(result.after().tier()).isEmpty();
        String left = fx.codexFileText();
        assertThat(left).contains("codex_future_setting").doesNotContain("tokens").contains("\"OPENAI_API_KEY\": null");
        assertThat(engine.clear(ProviderKind.OPENAI).removedAnything()).isFalse();
    }

    @Test
    void aFailedRevocationIsReportedButTheLoginIsRemovedAnyway() throws Exception {
        fx.codexLogin(Duration.ofHours(1));
        fx.server.failRevoke(503, "down for maintenance");
        fx.env.put("OPENAI_API_KEY", "sk-env-0123456789");
        var result = fx.engine().clear(ProviderKind.OPENAI);
        assertThat(result.revocation()).hasValueSatisfying(r -> assertThat(r).startsWith("not revoked").contains("503")
                .contains("down for maintenance"));
        assertThat(result.after().tier()).contains(AuthTier.ENV_KEY);
        assertThat(fx.codexFileText()).doesNotContain("tokens");
    }

    @Test
    void logoutKeepsTheStoredKey() throws Exception {
        fx.codexLogin(Duration.ofHours(1));
        AuthEngine engine = fx.engine();
        engine.storeApiKey(ProviderKind.OPENAI, "sk-file-0123456789");
        assertThat(engine.logout(ProviderKind.OPENAI)).isTrue();
        assertThat(engine.status(ProviderKind.OPENAI).tier()).contains(AuthTier.STORED_KEY);
        assertThat(engine.logout(ProviderKind.OPENAI)).isFalse();
        assertThat(engine.logout(ProviderKind.ANTHROPIC)).isFalse();
    }

    @Test
    void keysWithWhitespaceAreRefused() {
        assertThatThrownBy(() -> fx.engine().storeApiKey(ProviderKind.ANTHROPIC, "two words"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fx.engine().storeApiKey(ProviderKind.ANTHROPIC, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Credential resolve(ProviderKind p) {
        return fx.engine().resolve(p);
    }
}
