package dev.trellis.auth.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthError.RefreshFailure;
import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.Credential;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.auth.testing.FixtureTest;
import dev.trellis.auth.testing.Jwts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Token refresh (AC3): when, rotation, one network call for concurrent callers and processes, failure kinds. */
class RefreshTest extends FixtureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aValidTokenIsUsedWithoutRefreshing() throws Exception {
        String access = fx.codexLogin(Duration.ofMinutes(30));
        String before = fx.codexFileText();
        assertThat(fx.engine().resolve(ProviderKind.OPENAI).secret()).isEqualTo(access);
        assertThat(fx.server.refreshCalls()).isZero();
        assertThat(fx.codexFileText()).isEqualTo(before);
    }

    @Test
    void tokensExpiringWithin8SecondsAreRefreshedFirstAndStored() throws Exception {
        String access = fx.codexLogin(Duration.ofSeconds(9));
        AuthEngine engine = fx.engine();
        assertThat(engine.resolve(ProviderKind.OPENAI).secret()).isEqualTo(access);
        assertThat(fx.server.refreshCalls()).isZero();

        fx.clock.advance(Duration.ofSeconds(1)); // now 8 s before expiry
        Credential c = engine.resolve(ProviderKind.OPENAI);
        assertThat(fx.server.refreshCalls()).isEqualTo(1);
        assertThat(c.secret()).isNotEqualTo(access).isEqualTo(JSON.readTree(fx.codexFileText()).at("/tokens/access_token")
                .asText());
        assertThat(((Credential.OAuthTokens) c).expiresAt()).isEqualTo(fx.clock.instant().plus(Duration.ofHours(1))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        // a second engine (another process) reads the stored result: no second call
        assertThat(fx.engine().resolve(ProviderKind.OPENAI).secret()).isEqualTo(c.secret());
        assertThat(fx.server.refreshCalls()).isEqualTo(1);
    }

    @Test
    void aRotatedRefreshTokenIsStoredAndAnUnrotatedOneKept() throws Exception {
        fx.codexLogin(Duration.ofSeconds(1));
        String first = JSON.readTree(fx.codexFileText()).at("/tokens/refresh_token").asText();
        AuthEngine engine = fx.engine();

        engine.forceRefresh(ProviderKind.OPENAI);
        String rotated = JSON.readTree(fx.codexFileText()).at("/tokens/refresh_token").asText();
        assertThat(rotated).isNotEqualTo(first);
        assertThat(((Credential.OAuthTokens) engine.resolve(ProviderKind.OPENAI)).refreshToken()).isEqualTo(rotated);

        fx.server.rotateRefreshTokens(false); // the answer carries no refresh_token
        engine.forceRefresh(ProviderKind.OPENAI);
        assertThat(JSON.readTree(fx.codexFileText()).at("/tokens/refresh_token").asText()).isEqualTo(rotated);
        assertThat(fx.server.refreshCalls()).isEqualTo(2);
    }

    @Test
    void concurrentCallersShareOneNetworkRefresh() throws Exception {
        fx.codexLogin(Duration.ofSeconds(2));
        AuthEngine engine = fx.engine();
        int n = 16;
        CyclicBarrier start = new CyclicBarrier(n);
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return engine.resolve(ProviderKind.OPENAI).secret();
                }));
            }
            Set<String> secrets = new HashSet<>();
            for (Future<String> f : results) {
                secrets.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(secrets).hasSize(1);
        }
        assertThat(fx.server.refreshCalls()).isEqualTo(1);
    }

    @Test
    void concurrentForcedRefreshesAfter401ShareOneCallToo() throws Exception {
        fx.codexLogin(Duration.ofMinutes(30));
        AuthEngine engine = fx.engine();
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return engine.forceRefresh(ProviderKind.OPENAI).secret();
            }, Executors.newVirtualThreadPerTaskExecutor()));
        }
        // callers that read the old token before the first refresh finished reuse its result
        assertThat(all.stream().map(CompletableFuture::join).distinct()).hasSize(1);
        assertThat(fx.server.refreshCalls()).isEqualTo(1);
    }

    @Test
    void anotherProcessHoldingTheLockMakesUsWaitAndItsRefreshIsUsed() throws Exception {
        fx.codexLogin(Duration.ofSeconds(2));
        // what the other process (codex) will have written after its own refresh
        String theirAccess = Jwts.accessToken("at-codex", fx.clock.instant().plus(Duration.ofHours(1)).getEpochSecond());
        Path theirFile = tmp.resolve("codex-refreshed.json");
        Files.writeString(theirFile, fx.codexFileText().replaceAll("\"access_token\": \"[^\"]+\"",
                "\"access_token\": \"" + theirAccess + "\""));
        CountDownLatch waiting = new CountDownLatch(1);
        fx.lockPause = d -> {
            waiting.countDown();
            Pause.REAL.pause(d);
        };
        AuthEngine engine = fx.engine();

        Process holder = startLockHolder(fx.codexHome.resolve("auth.json.lock"));
        try (PrintWriter toHolder = new PrintWriter(holder.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader fromHolder = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                        StandardCharsets.UTF_8))) {
            assertThat(fromHolder.readLine()).isEqualTo("locked");
            CompletableFuture<String> resolved = CompletableFuture.supplyAsync(
                    () -> engine.resolve(ProviderKind.OPENAI).secret(), Executors.newVirtualThreadPerTaskExecutor());

            assertThat(waiting.await(20, TimeUnit.SECONDS)).as("resolve waits for the other process's lock").isTrue();
            assertThat(resolved).isNotDone();
            toHolder.println("write " + fx.codexFile() + " " + theirFile);
            assertThat(fromHolder.readLine()).isEqualTo("written");
            toHolder.println("release");

            assertThat(resolved.get(30, TimeUnit.SECONDS)).isEqualTo(theirAccess);
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(fx.server.refreshCalls()).isZero();
    }

    @Test
    void aLockHeldTooLongFailsWithStorageFailedNamingTheLockFile() throws Exception {
        fx.codexLogin(Duration.ofSeconds(2));
        fx.props.put("lock.timeout.seconds", "0.3");
        Process holder = startLockHolder(fx.codexHome.resolve("auth.json.lock"));
        try (BufferedReader fromHolder = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(fromHolder.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> fx.engine().resolve(ProviderKind.OPENAI)).isInstanceOfSatisfying(AuthException.class,
                    e -> {
                        assertThat(e.error()).isInstanceOf(AuthError.StorageFailed.class);
                        assertThat(e.getMessage()).contains("auth.json.lock").contains("another process");
                    });
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @CsvSource({"refresh_token_expired, EXPIRED", "refresh_token_reused, EXHAUSTED",
            "refresh_token_invalidated, REVOKED", "invalid_grant, OTHER"})
    void refreshRefusedForGoodMeansNoAuthAvailable(String code, RefreshFailure kind) throws Exception {
        fx.codexLogin(Duration.ofSeconds(1));
        fx.server.failRefresh(401, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"nope\"}}");
        AuthEngine engine = fx.engine();
        assertThatThrownBy(() -> engine.resolve(ProviderKind.OPENAI)).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.error()).isEqualTo(new AuthError.NoAuthAvailable(ProviderKind.OPENAI));
            assertThat(e.getCause()).isInstanceOfSatisfying(AuthException.class,
                    c -> assertThat(((AuthError.RefreshFailed) c.error()).kind()).isEqualTo(kind));
        });
        // not tried again with the same refresh token; the status says what to do
        assertThatThrownBy(() -> engine.resolve(ProviderKind.OPENAI)).isInstanceOf(AuthException.class);
        assertThat(fx.server.refreshCalls()).isEqualTo(1);
        var status = engine.status(ProviderKind.OPENAI);
        assertThat(status.tier()).isEmpty();
        assertThat(status.problem()).hasValueSatisfying(p -> assertThat(p).contains("log in again")
                .contains(kind.name().toLowerCase()));
        // an environment key takes over meanwhile
        fx.env.put("OPENAI_API_KEY", "sk-env-fallback-1");
        assertThat(fx.engine().resolve(ProviderKind.OPENAI).secret()).isEqualTo("sk-env-fallback-1");
        assertThat(fx.warnings).anyMatch(w -> w.contains("log in again"));
    }

    @Test
    void serverErrorsAndNetworkFailuresAreTransientAndRetried() throws Exception {
        fx.codexLogin(Duration.ofSeconds(1));
        fx.server.failRefresh(503, "upstream overloaded");
        AuthEngine engine = fx.engine();
        assertThatThrownBy(() -> engine.resolve(ProviderKind.OPENAI)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.error()).isInstanceOfSatisfying(AuthError.RefreshFailed.class, r -> {
                    assertThat(r.kind()).isEqualTo(RefreshFailure.TRANSIENT);
                    assertThat(r.detail()).contains("503").contains("upstream overloaded");
                }));
        fx.server.failRefresh(500, "x");
        assertThatThrownBy(() -> engine.resolve(ProviderKind.OPENAI)).isInstanceOf(AuthException.class);
        assertThat(fx.server.refreshCalls()).isEqualTo(2); // retried: a transient failure does not kill the token
        fx.server.succeedRefresh();
        assertThat(engine.resolve(ProviderKind.OPENAI).secret()).isNotBlank();
        assertThat(engine.status(ProviderKind.OPENAI).tier()).contains(AuthTier.OAUTH);
    }

    @Test
    void anUnreachableTokenEndpointIsTransient() throws Exception {
        fx.codexLogin(Duration.ofSeconds(1));
        fx.props.put("openai.token.url", "http://127.0.0.1:1/oauth/token");
        assertThatThrownBy(() -> fx.engine().resolve(ProviderKind.OPENAI)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(((AuthError.RefreshFailed) e.error()).kind()).isEqualTo(RefreshFailure.TRANSIENT));
    }

    @Test
    void theCodexUrlOverridesFromTheEnvironmentApply() throws Exception {
        fx.codexLogin(Duration.ofSeconds(1));
        fx.props.put("openai.issuer", "http://127.0.0.1:1"); // nothing listens: only the overrides can work
        fx.env.put("CODEX_REFRESH_TOKEN_URL_OVERRIDE", fx.server.issuer() + "/oauth/token");
        fx.env.put("CODEX_REVOKE_TOKEN_URL_OVERRIDE", fx.server.issuer() + "/oauth/revoke");
        AuthEngine engine = fx.engine();
        engine.resolve(ProviderKind.OPENAI);
        assertThat(fx.server.refreshCalls()).isEqualTo(1);
        assertThat(engine.clear(ProviderKind.OPENAI).revocation()).hasValueSatisfying(r -> assertThat(r).startsWith("revoked"));
        assertThat(fx.server.revoked()).hasSize(1);
    }

    private static Process startLockHolder(Path lockFile) throws IOException {
        Files.createDirectories(lockFile.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                lockFile.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
