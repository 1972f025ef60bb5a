package dev.trellis.auth.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.Credential;
import dev.trellis.api.auth.LoginFlow;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.auth.internal.oauth.OpenAiEndpoints;
import dev.trellis.auth.testing.FixtureTest;
import dev.trellis.auth.testing.LoginDriver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** OpenAI login against the fake authorization server: loopback and device code, every failure path (AC1). */
class LoginFlowTest extends FixtureTest {

    @Test
    void loopbackLoginEndToEnd() throws Exception {
        AuthEngine engine = fx.engine();
        LoginDriver driver = new LoginDriver(fx, engine).approvingBrowser();

        AuthStatus status = driver.login(LoginFlow.LOOPBACK);

        assertThat(status.tier()).contains(AuthTier.OAUTH);
        assertThat(status.accountSuffix()).contains("abcd");
        assertThat(status.refreshable()).isTrue();
        assertThat(status.source()).hasValueSatisfying(s -> assertThat(s).contains("plan plus"));
        Map<String, String> q = LoginDriver.query(driver.browserUrls.get(0));
        assertThat(driver.browserUrls.get(0).getPath()).isEqualTo("/oauth/authorize");
        assertThat(q).containsEntry("client_id", OpenAiEndpoints.CODEX_CLIENT_ID).containsEntry("response_type", "code")
                .containsEntry("scope", OpenAiEndpoints.SCOPES).containsEntry("code_challenge_method", "S256")
                .containsEntry("id_token_add_organizations", "true").containsKeys("state", "code_challenge");
        assertThat(q.get("redirect_uri")).matches("http://localhost:\\d+/auth/callback");
        assertThat(q.get("state")).hasSize(43); // 32 bytes, base64url without padding
        // the browser was sent on to the success page, and the tokens are usable
        HttpResponse<String> callback = driver.callbackResponse.get(5, TimeUnit.SECONDS);
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location")).contains("/success");
        Credential c = engine.resolve(ProviderKind.OPENAI);
        assertThat(c).isInstanceOfSatisfying(Credential.OAuthTokens.class, t -> {
            assertThat(t.accountId()).contains("acct-1234abcd");
            assertThat(t.claims().email()).contains("dev@example.com");
            assertThat(t.claims().planType()).contains("plus");
            assertThat(t.claims().userId()).contains("user-42");
            assertThat(t.expiresAt()).isEqualTo(fx.clock.instant().plus(Duration.ofHours(1)).truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS));
        });
        assertThat(fx.server.requests()).filteredOn(r -> "authorization_code".equals(r.get("grant_type")))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("redirect_uri", q.get("redirect_uri"))
                        .containsEntry("client_id", OpenAiEndpoints.CODEX_CLIENT_ID).containsKey("code_verifier"));
        // the callback server is gone once the login ended
        URI redirect = URI.create(q.get("redirect_uri"));
        assertThat(portFree(redirect.getPort())).isTrue();
    }

    @Test
    void deniedInTheBrowserStoresNothing() {
        LoginDriver driver = new LoginDriver(fx, fx.engine())
                .browserReturning("error=access_denied&error_description=user+said+no&state={state}");
        assertThatThrownBy(() -> driver.login(LoginFlow.LOOPBACK)).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.error()).isEqualTo(new AuthError.OAuthDenied("access_denied: user said no"));
        });
        assertThat(fx.codexFile()).doesNotExist();
        assertThat(fx.settings().trellisFile()).doesNotExist();
    }

    @Test
    void aCallbackWithAnotherStateIsRefusedWith400() throws Exception {
        LoginDriver driver = new LoginDriver(fx, fx.engine()).browserReturning("code=stolen&state=forged");
        assertThatThrownBy(() -> driver.login(LoginFlow.LOOPBACK)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.error()).isInstanceOf(AuthError.StateInvalid.class));
        assertThat(driver.callbackResponse.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(400);
        assertThat(fx.server.requests()).noneMatch(r -> "authorization_code".equals(r.get("grant_type")));
        assertThat(fx.settings().trellisFile()).doesNotExist();
    }

    @Test
    void aFailedExchangeReportsStatusAndBody() {
        fx.server.failTokenExchange(403, "{\"error\":\"unauthorized_client\"}");
        LoginDriver driver = new LoginDriver(fx, fx.engine()).approvingBrowser();
        assertThatThrownBy(() -> driver.login(LoginFlow.LOOPBACK)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.error()).isEqualTo(new AuthError.TokenExchangeFailed(403,
                        "{\"error\":\"unauthorized_client\"}")));
        assertThat(fx.settings().trellisFile()).doesNotExist();
    }

    @Test
    void theFirstPortTakenMeansTheSecondIsUsed() throws Exception {
        try (ServerSocket busy = occupied(); ServerSocket second = new ServerSocket(0)) {
            int free = second.getLocalPort();
            second.close();
            fx.props.put("loopback.ports", busy.getLocalPort() + "," + free);
            LoginDriver driver = new LoginDriver(fx, fx.engine()).approvingBrowser();
            driver.login(LoginFlow.AUTO);
            assertThat(LoginDriver.query(driver.browserUrls.get(0)).get("redirect_uri"))
                    .isEqualTo("http://localhost:" + free + "/auth/callback");
            assertThat(driver.deviceCodes).isEmpty();
        }
    }

    @Test
    void bothPortsTakenFallsBackToTheDeviceCode() throws Exception {
        try (ServerSocket a = occupied(); ServerSocket b = occupied()) {
            fx.props.put("loopback.ports", a.getLocalPort() + "," + b.getLocalPort());
            fx.server.deviceAnswers("approved");
            LoginDriver driver = new LoginDriver(fx, fx.engine()).approvingBrowser();
            AuthStatus s = driver.login(LoginFlow.AUTO);
            assertThat(s.tier()).contains(AuthTier.OAUTH);
            assertThat(driver.browserUrls).isEmpty();
            assertThat(driver.deviceCodes).singleElement().satisfies(d -> assertThat(d.userCode()).isEqualTo("ABCD-EFGH"));

            // the loopback flow alone says which ports were taken
            LoginDriver loopbackOnly = new LoginDriver(fx, fx.engine());
            assertThatThrownBy(() -> loopbackOnly.login(LoginFlow.LOOPBACK)).isInstanceOfSatisfying(AuthException.class,
                    e -> assertThat(e.error()).isEqualTo(new AuthError.LoopbackBindFailed(a.getLocalPort() + ", "
                            + b.getLocalPort())));
        }
    }

    @Test
    void deviceCodePollsAtTheIntervalAndSlowsDownWhenAsked() {
        fx.server.deviceAnswers("authorization_pending", "slow_down", "authorization_pending", "slow_down", "approved");
        LoginDriver driver = new LoginDriver(fx, fx.engine());
        AuthStatus s = driver.login(LoginFlow.DEVICE_CODE);

        assertThat(s.tier()).contains(AuthTier.OAUTH);
        assertThat(fx.clock.pauses()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(15));
        var code = driver.deviceCodes.get(0);
        assertThat(code.verificationUrl()).isEqualTo(URI.create(fx.server.issuer() + "/codex/device"));
        assertThat(code.interval()).isEqualTo(Duration.ofSeconds(5));
        var polls = fx.server.requests().stream().filter(r -> r.get("_path").endsWith("/deviceauth/token")).toList();
        assertThat(polls).hasSize(5).allSatisfy(r -> assertThat(r)
                .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
                .containsEntry("device_code", "dev-code-1").containsKey("code_verifier"));
        var start = fx.server.requests().stream().filter(r -> r.get("_path").endsWith("/usercode")).findFirst().orElseThrow();
        assertThat(start).containsEntry("code_challenge_method", "S256").containsEntry("client_id",
                OpenAiEndpoints.CODEX_CLIENT_ID).containsEntry("id_token_add_organizations", "true");
    }

    @Test
    void aDeviceCodeNobodyEntersExpiresAfter15Minutes() {
        LoginDriver driver = new LoginDriver(fx, fx.engine());
        var started = fx.clock.instant();
        assertThatThrownBy(() -> driver.login(LoginFlow.DEVICE_CODE)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.error()).isInstanceOf(AuthError.DeviceCodeExpired.class));
        assertThat(driver.deviceCodes.get(0).expiresAt()).isEqualTo(started.plus(Duration.ofMinutes(15)));
        assertThat(fx.clock.instant()).isEqualTo(started.plus(Duration.ofMinutes(15)));
        assertThat(fx.settings().trellisFile()).doesNotExist();
    }

    @Test
    void deviceCodeExpiredAndDeniedByTheServer() {
        fx.server.deviceAnswers("authorization_pending", "expired_token");
        assertThatThrownBy(() -> new LoginDriver(fx, fx.engine()).login(LoginFlow.DEVICE_CODE))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isInstanceOf(AuthError.DeviceCodeExpired.class));
        fx.server.deviceAnswers("access_denied");
        assertThatThrownBy(() -> new LoginDriver(fx, fx.engine()).login(LoginFlow.DEVICE_CODE))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isInstanceOf(AuthError.DeviceCodeDenied.class));
        assertThat(fx.settings().trellisFile()).doesNotExist();
    }

    @Test
    void noAccountIdClaimMeansNoAccountId() {
        fx.server.accountId(null);
        AuthEngine engine = fx.engine();
        AuthStatus s = new LoginDriver(fx, engine).deviceCodeLogin();
        assertThat(s.accountSuffix()).isEmpty();
        assertThat(engine.resolve(ProviderKind.OPENAI)).isInstanceOfSatisfying(Credential.OAuthTokens.class,
                t -> assertThat(t.accountId()).isEmpty());
    }

    @Test
    void aBrowserThatNeverComesBackTimesOut() {
        fx.props.put("loopback.timeout.seconds", "0.2");
        assertThatThrownBy(() -> new LoginDriver(fx, fx.engine()).login(LoginFlow.LOOPBACK))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isInstanceOf(AuthError.LoopbackTimeout.class));
    }

    @Test
    void cancellingStopsTheLoginAndClosesTheCallbackPort() throws Exception {
        AuthEngine engine = fx.engine();
        LoginDriver driver = new LoginDriver(fx, engine);
        CompletableFuture<AuthStatus> login = engine.login(ProviderKind.OPENAI, LoginFlow.LOOPBACK, driver)
                .toCompletableFuture();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !driver.browserUrls.isEmpty());
        int port = URI.create(LoginDriver.query(driver.browserUrls.get(0)).get("redirect_uri")).getPort();
        login.cancel(true);
        assertThatThrownBy(login::join).isInstanceOf(CancellationException.class);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> portFree(port));
    }

    @Test
    void apiKeyProvidersHaveNoOAuthLogin() {
        var stage = fx.engine().login(ProviderKind.ANTHROPIC, LoginFlow.AUTO, new LoginDriver(fx, fx.engine()));
        assertThatThrownBy(() -> stage.toCompletableFuture().join()).hasCauseInstanceOf(AuthException.class)
                .hasMessageContaining("anthropic supports API keys only");
    }

    private static ServerSocket occupied() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s;
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

}
