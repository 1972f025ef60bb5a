package dev.trellis.auth.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.auth.internal.oauth.OpenAiEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {

    private static final Path HOME = Path.of("/srv/trellis");

    @Test
    void defaultsFollowTheReference() {
        AuthSettings s = AuthSettings.from(Map.of(), Environment.of(Map.of()), HOME);
        assertThat(s.store()).isEqualTo(StoreMode.AUTO);
        assertThat(s.codexHome()).isEqualTo(Path.of(System.getProperty("user.home"), ".codex"));
        assertThat(s.keysFile()).isEqualTo(HOME.resolve("api-keys.json"));
        assertThat(s.trellisFile()).isEqualTo(HOME.resolve("openai/auth.json"));
        assertThat(s.loopbackPorts()).containsExactly(1455, 1457);
        assertThat(s.refreshMargin()).isEqualTo(Duration.ofSeconds(8));
        assertThat(s.callbackTimeout()).isEqualTo(Duration.ofMinutes(5));
        OpenAiEndpoints e = s.endpoints();
        assertThat(e.clientId()).isEqualTo("app_EMoamEEZ73f0CkXaXp7hrann");
        assertThat(e.authorize()).isEqualTo(URI.create("https://auth.openai.com/oauth/authorize"));
        assertThat(e.token()).isEqualTo(URI.create("https://auth.openai.com/oauth/token"));
        assertThat(e.revoke()).isEqualTo(URI.create("https://auth.openai.com/oauth/revoke"));
        assertThat(e.deviceCode()).isEqualTo(URI.create("https://auth.openai.com/api/accounts/deviceauth/usercode"));
        assertThat(e.deviceToken()).isEqualTo(URI.create("https://auth.openai.com/api/accounts/deviceauth/token"));
        assertThat(e.verification()).isEqualTo(URI.create("https://auth.openai.com/codex/device"));
        assertThat(e.scopes()).isEqualTo("openid profile email offline_access api.connectors.read api.connectors.invoke");
    }

    @Test
    void environmentAndPropertiesOverride() {
        Environment env = Environment.of(Map.of("CODEX_HOME", "/tmp/cx", "TRELLIS_OPENAI_ISSUER", "http://127.0.0.1:9/"));
        AuthSettings s = AuthSettings.from(Map.of("loopback.ports", new int[] {2000, 2001}, "openai.store", "Codex",
                "refresh.margin.seconds", 30), env, HOME);
        assertThat(s.codexHome()).isEqualTo(Path.of("/tmp/cx"));
        assertThat(s.endpoints().token()).isEqualTo(URI.create("http://127.0.0.1:9/oauth/token"));
        assertThat(s.loopbackPorts()).containsExactly(2000, 2001);
        assertThat(s.store()).isEqualTo(StoreMode.CODEX);
        assertThat(s.refreshMargin()).isEqualTo(Duration.ofSeconds(30));
        assertThat(AuthSettings.from(Map.of("loopback.ports", List.of(7, 8), "codex.home", "/x"), env, HOME)
                .codexHome()).isEqualTo(Path.of("/x"));
        assertThat(AuthSettings.from(Map.of("loopback.ports", "1455, 1457"), env, HOME).loopbackPorts())
                .containsExactly(1455, 1457);
    }

    @Test
    void badValuesNameTheProperty() {
        Environment env = Environment.of(Map.of());
        assertThatThrownBy(() -> AuthSettings.from(Map.of("openai.store", "keyring"), env, HOME))
                .hasMessageContaining("openai.store");
        assertThatThrownBy(() -> AuthSettings.from(Map.of("loopback.ports", "1455,x"), env, HOME))
                .hasMessageContaining("loopback.ports").hasMessageContaining("'x'");
        assertThatThrownBy(() -> AuthSettings.from(Map.of("openai.issuer", "ftp://a"), env, HOME))
                .hasMessageContaining("openai.issuer");
        assertThatThrownBy(() -> AuthSettings.from(Map.of("lock.timeout.seconds", "-1"), env, HOME))
                .hasMessageContaining("lock.timeout.seconds");
    }

    @Test
    void trellisHomeLikeTheConsole() {
        assertThat(AuthSettings.trellisHome(k -> "/a", Environment.of(Map.of("TRELLIS_HOME", "/b")))).isEqualTo(Path.of("/a"));
        assertThat(AuthSettings.trellisHome(k -> null, Environment.of(Map.of("TRELLIS_HOME", "/b")))).isEqualTo(Path.of("/b"));
        assertThat(AuthSettings.trellisHome(k -> null, Environment.of(Map.of())))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".trellis"));
    }
}
