package dev.trellis.shell.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.ClearResult;
import dev.trellis.api.auth.Credential;
import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.DeviceCode;
import dev.trellis.api.auth.LoginFlow;
import dev.trellis.api.auth.LoginProgress;
import dev.trellis.api.auth.LoginService;
import dev.trellis.api.auth.ProviderKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class AuthShellTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** An auth service whose answers the test sets. */
    static final class FakeAuth implements CredentialResolver, LoginService {
        AuthStatus openai = new AuthStatus(ProviderKind.OPENAI, Optional.of(AuthTier.OAUTH),
                Optional.of(NOW.plus(Duration.ofMinutes(42))), Optional.of("abcd"), true,
                Optional.of("ChatGPT login in /h/.codex/auth.json"), Optional.empty());
        final List<String> calls = new ArrayList<>();
        CompletableFuture<AuthStatus> loginOutcome;

        @Override
        public Credential resolve(ProviderKind provider) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Credential forceRefresh(ProviderKind provider) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AuthStatus status(ProviderKind provider) {
            return provider == ProviderKind.OPENAI ? openai : AuthStatus.none(provider);
        }

        @Override
        public CompletionStage<AuthStatus> login(ProviderKind provider, LoginFlow flow, LoginProgress progress) {
            calls.add("login " + provider.id() + " " + flow);
            progress.showDeviceCode(new DeviceCode("WXYZ-1234", URI.create("https://auth.example/codex/device"),
                    Duration.ofSeconds(5), NOW.plus(Duration.ofMinutes(15))));
            return loginOutcome;
        }

        @Override
        public boolean logout(ProviderKind provider) {
            return false;
        }

        @Override
        public AuthStatus storeApiKey(ProviderKind provider, String key) {
            calls.add("store " + provider.id() + " " + key);
            return new AuthStatus(provider, Optional.of(AuthTier.STORED_KEY), Optional.empty(), Optional.empty(), false,
                    Optional.of("stored key in /h/.trellis/api-keys.json"), Optional.empty());
        }

        @Override
        public ClearResult clear(ProviderKind provider) {
            calls.add("clear " + provider.id());
            return new ClearResult(provider, true, false, Optional.of("revoked at https://auth.example/oauth/revoke"),
                    AuthStatus.none(provider));
        }
    }

    final FakeAuth auth = new FakeAuth();

    @Test
    void statusLinesShowTierExpiryAccountAndSourceNeverASecret() {
        assertThat(AuthShell.status(auth, List.of(), CLOCK)).isEqualTo("""
                openai     OAuth  expires 2026-11-25 12:42 UTC (in 42 min)  account ...abcd  (ChatGPT login in /h/.codex/auth.json)
                anthropic  no credential: trellis:auth-login anthropic <key>, or set ANTHROPIC_API_KEY
                gemini     no credential: trellis:auth-login gemini <key>, or set GEMINI_API_KEY or GOOGLE_API_KEY""");
        auth.openai = AuthStatus.none(ProviderKind.OPENAI).withProblem("the ChatGPT login can no longer be refreshed");
        assertThat(AuthShell.status(auth, List.of("openai"), CLOCK)).isEqualTo("openai     no credential: trellis:auth-login"
                + " openai, or set OPENAI_API_KEY\n           problem: the ChatGPT login can no longer be refreshed");
        assertThatThrownBy(() -> AuthShell.status(auth, List.of("mistral"), CLOCK)).hasMessageContaining("mistral");
    }

    @Test
    void headlessLoginPrintsTheDeviceCodeAndWaitsForTheOutcome() throws Exception {
        auth.loginOutcome = CompletableFuture.completedFuture(auth.openai);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        String result = AuthShell.login(auth, List.of("openai", "--headless"), new PrintStream(console, true,
                StandardCharsets.UTF_8), CLOCK);
        assertThat(auth.calls).containsExactly("login openai DEVICE_CODE");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("open https://auth.example/codex/device and enter"
                + " the code  WXYZ-1234").contains("valid until 2026-11-25 12:15 UTC");
        assertThat(result).startsWith("Logged in.\nopenai     OAuth");
    }

    @Test
    void aFailedLoginIsThrownWithItsMessage() {
        auth.loginOutcome = CompletableFuture.failedFuture(new AuthException(new AuthError.DeviceCodeExpired()));
        assertThatThrownBy(() -> AuthShell.login(auth, List.of("openai"), new PrintStream(new ByteArrayOutputStream()),
                CLOCK)).isInstanceOf(AuthException.class).hasMessage("device code expired; start the login again");
        assertThat(auth.calls).containsExactly("login openai AUTO");
    }

    @Test
    void keysAndClear() throws Exception {
        assertThat(AuthShell.login(auth, List.of("gemini", "gm-key-1"), System.out, CLOCK))
                .contains("gemini     stored key  (stored key in /h/.trellis/api-keys.json)");
        assertThatThrownBy(() -> AuthShell.login(auth, List.of("anthropic"), System.out, CLOCK))
                .hasMessageContaining("trellis:auth-login anthropic <key>");
        assertThat(AuthShell.clear(auth, List.of("openai"), CLOCK)).isEqualTo("Removed the OAuth login of openai.\n"
                + "Revocation: revoked at https://auth.example/oauth/revoke\nopenai     no credential: trellis:auth-login"
                + " openai, or set OPENAI_API_KEY");
        assertThat(auth.calls).containsExactly("store gemini gm-key-1", "clear openai");
        assertThatThrownBy(() -> AuthShell.clear(auth, List.of(), CLOCK)).hasMessageContaining("usage");
    }
}
