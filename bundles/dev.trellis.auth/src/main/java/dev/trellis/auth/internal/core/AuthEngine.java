package dev.trellis.auth.internal.core;

import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthError.RefreshFailure;
import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.ClearResult;
import dev.trellis.api.auth.Credential;
import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.LoginFlow;
import dev.trellis.api.auth.LoginProgress;
import dev.trellis.api.auth.LoginService;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.auth.internal.oauth.OAuthClient;
import dev.trellis.auth.internal.oauth.TokenSet;
import dev.trellis.auth.internal.store.ApiKeys;
import dev.trellis.auth.internal.store.AuthJson;
import dev.trellis.auth.internal.store.JsonFileStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credential chains, OpenAI token refresh, logins and stored keys, without OSGi: the DS component, the
 * Gogo commands and {@code ./trellis auth} all run this class.
 *
 * <ul>
 * <li>openai: OAuth tokens from auth.json → {@code OPENAI_API_KEY} → {@code OPENAI_API_KEY} of auth.json</li>
 * <li>anthropic: {@code ANTHROPIC_API_KEY} → stored key; gemini: {@code GEMINI_API_KEY} /
 * {@code GOOGLE_API_KEY} → stored key (Trellis' key file)</li>
 * </ul>
 * Tokens expiring within the refresh margin are refreshed before use. A refresh happens under the in-process
 * lock plus the auth.json file lock, and reads the file again first, so concurrent callers (threads, or codex
 * and another Trellis) make one network call; the others pick up what the first one stored. A refresh token
 * the server refused for good (expired, reused, revoked) is not tried again until the file changes; the chain
 * then moves on, and fails with {@code NoAuthAvailable} carrying the refresh failure if nothing else answers.
 */
public final class AuthEngine implements CredentialResolver, LoginService, AutoCloseable {

    private final AuthSettings settings;
    private final Environment env;
    private final Clock clock;
    private final Pause pause;
    private final Pause lockPause;
    private final AuthLog log;
    private final HttpClient http;
    private final OAuthClient client;
    private final Map<Path, JsonFileStore> stores = new ConcurrentHashMap<>();
    /** Refresh tokens the server refused for good, with the failure: never sent again. */
    private final Map<String, AuthError.RefreshFailed> deadRefreshTokens = new ConcurrentHashMap<>();
    private final Set<LoginFuture> logins = ConcurrentHashMap.newKeySet();
    /** Tokens refreshed (rotated) that could not be written: used instead of the file's until saved. */
    private volatile Unsaved unsaved;

    private record Unsaved(Path file, String replacedRefreshToken, TokenSet tokens) {}

    /**
     * @param clock for token expiry and device-code deadlines
     * @param pause between device-code polls
     */
    public AuthEngine(AuthSettings settings, Environment env, Clock clock, Pause pause, AuthLog log) {
        this(settings, env, clock, pause, Pause.REAL, log);
    }

    /** @param lockPause between tries of a file lock held by another process (always real time) */
    public AuthEngine(AuthSettings settings, Environment env, Clock clock, Pause pause, Pause lockPause, AuthLog log) {
        this.settings = settings;
        this.lockPause = lockPause;
        this.env = settings.environmentKeys() ? env : name -> null;
        this.clock = clock;
        this.pause = pause;
        this.log = log;
        this.http = HttpClient.newBuilder().connectTimeout(settings.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.client = new OAuthClient(settings.endpoints(), http, settings.httpTimeout(), clock);
    }

    public AuthSettings settings() {
        return settings;
    }

    // ---- CredentialResolver

    @Override
    public Credential resolve(ProviderKind provider) {
        return provider == ProviderKind.OPENAI ? openAi(false) : apiKey(provider);
    }

    @Override
    public Credential forceRefresh(ProviderKind provider) {
        return provider == ProviderKind.OPENAI ? openAi(true) : apiKey(provider);
    }

    @Override
    public AuthStatus status(ProviderKind provider) {
        return provider == ProviderKind.OPENAI ? openAiStatus() : keyStatus(provider);
    }

    private Credential openAi(boolean force) {
        OpenAiFile f = openAiFile();
        AuthException oauthFailure = null;
        if (f.tokens().isPresent()) {
            TokenSet seen = f.tokens().get();
            AuthError.RefreshFailed dead = deadRefreshTokens.get(seen.refreshToken());
            if (dead != null) {
                oauthFailure = new AuthException(dead);
            } else if (!force && !needsRefresh(seen)) {
                return seen.credential();
            } else {
                try {
                    return refresh(f.store(), seen, force).credential();
                } catch (AuthException e) {
                    if (!(e.error() instanceof AuthError.RefreshFailed r) || r.kind() == RefreshFailure.TRANSIENT) {
                        throw e;
                    }
                    deadRefreshTokens.put(seen.refreshToken(), r);
                    log.warn("OpenAI login in " + f.store().file() + " can no longer be refreshed (" + r.message()
                            + "); log in again: ./trellis auth login --provider openai");
                    oauthFailure = e;
                }
            }
        }
        Optional<Credential> key = envKey(ProviderKind.OPENAI)
                .or(() -> f.json().flatMap(AuthJson::apiKey).map(k -> new Credential.ApiKey(k, Credential.KeySource.STORED)));
        if (key.isPresent()) {
            return key.get();
        }
        if (f.broken().isPresent()) {
            throw f.broken().get();
        }
        throw new AuthException(new AuthError.NoAuthAvailable(ProviderKind.OPENAI), oauthFailure);
    }

    private boolean needsRefresh(TokenSet t) {
        return !clock.instant().plus(settings.refreshMargin()).isBefore(t.expiresAt());
    }

    /** Refresh under both locks, after reading the file again: if someone else refreshed, use theirs. */
    private TokenSet refresh(JsonFileStore store, TokenSet seen, boolean force) {
        return store.locked(locked -> {
            AuthJson current = locked.read().map(AuthJson::of)
                    .orElseThrow(() -> new AuthException(new AuthError.NoAuthAvailable(ProviderKind.OPENAI)));
            TokenSet onFile = withUnsaved(store.file(), tokens(current, store.file())
                    .orElseThrow(() -> new AuthException(new AuthError.NoAuthAvailable(ProviderKind.OPENAI))));
            boolean changedMeanwhile = !onFile.accessToken().equals(seen.accessToken());
            if ((changedMeanwhile || !force) && !needsRefresh(onFile)) {
                return onFile;
            }
            AuthError.RefreshFailed dead = deadRefreshTokens.get(onFile.refreshToken());
            if (dead != null) {
                throw new AuthException(dead);
            }
            TokenSet fresh;
            try {
                fresh = client.refresh(onFile);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuthException(new AuthError.RefreshFailed(RefreshFailure.TRANSIENT, "interrupted"));
            }
            try {
                locked.write(current.withTokens(fresh.stored(), clock.instant()).toJson());
                unsaved = null;
            } catch (AuthException e) {
                // the server may have rotated the refresh token: keep the new one in memory rather than lose it
                unsaved = new Unsaved(store.file(), onFile.refreshToken(), fresh);
                log.warn("refreshed the OpenAI tokens but could not store them (" + e.getMessage()
                        + "); using them in memory until the file can be written");
            }
            log.info("refreshed the OpenAI tokens" + fresh.claims().accountId().map(a -> " of account ..." + suffix(a))
                    .orElse("") + "; they expire at " + fresh.expiresAt());
            return fresh;
        });
    }

    private TokenSet withUnsaved(Path file, TokenSet fromFile) {
        Unsaved u = unsaved;
        return u != null && u.file().equals(file) && u.replacedRefreshToken().equals(fromFile.refreshToken()) ? u.tokens()
                : fromFile;
    }

    private Credential apiKey(ProviderKind provider) {
        Optional<Credential> key = envKey(provider);
        if (key.isPresent()) {
            return key.get();
        }
        JsonFileStore store = store(settings.keysFile());
        Optional<String> stored = ApiKeys.of(store.read()).key(provider);
        return stored.<Credential>map(k -> new Credential.ApiKey(k, Credential.KeySource.STORED))
                .orElseThrow(() -> new AuthException(new AuthError.NoAuthAvailable(provider)));
    }

    private Optional<Credential> envKey(ProviderKind provider) {
        return envVarWithKey(provider).map(name -> new Credential.ApiKey(env.get(name).orElseThrow(),
                Credential.KeySource.ENVIRONMENT));
    }

    private Optional<String> envVarWithKey(ProviderKind provider) {
        return provider.envVars().stream().filter(name -> env.get(name).isPresent()).findFirst();
    }

    // ---- status (never a secret)

    private AuthStatus openAiStatus() {
        OpenAiFile f = openAiFile();
        Optional<String> problem = f.broken().map(AuthException::getMessage);
        if (f.tokens().isPresent()) {
            TokenSet t = f.tokens().get();
            AuthError.RefreshFailed dead = deadRefreshTokens.get(t.refreshToken());
            if (dead == null) {
                String plan = t.claims().planType().map(p -> " (plan " + p + ")").orElse("");
                return new AuthStatus(ProviderKind.OPENAI, Optional.of(AuthTier.OAUTH), Optional.of(t.expiresAt()),
                        t.claims().accountId().map(AuthEngine::suffix), true,
                        Optional.of("ChatGPT login" + plan + " in " + f.store().file()), Optional.empty());
            }
            problem = Optional.of("the ChatGPT login in " + f.store().file() + " can no longer be refreshed ("
                    + dead.kind().name().toLowerCase(java.util.Locale.ROOT) + "): log in again");
        }
        Optional<String> envVar = envVarWithKey(ProviderKind.OPENAI);
        AuthStatus s;
        if (envVar.isPresent()) {
            s = keyStatus(ProviderKind.OPENAI, AuthTier.ENV_KEY, "environment " + envVar.get());
        } else if (f.json().flatMap(AuthJson::apiKey).isPresent()) {
            s = keyStatus(ProviderKind.OPENAI, AuthTier.STORED_KEY, "OPENAI_API_KEY in " + f.store().file());
        } else {
            s = AuthStatus.none(ProviderKind.OPENAI);
        }
        return problem.map(s::withProblem).orElse(s);
    }

    private AuthStatus keyStatus(ProviderKind provider) {
        Optional<String> envVar = envVarWithKey(provider);
        if (envVar.isPresent()) {
            return keyStatus(provider, AuthTier.ENV_KEY, "environment " + envVar.get());
        }
        JsonFileStore store = store(settings.keysFile());
        try {
            return ApiKeys.of(store.read()).key(provider).isPresent()
                    ? keyStatus(provider, AuthTier.STORED_KEY, "stored key in " + store.file())
                    : AuthStatus.none(provider);
        } catch (AuthException e) {
            return AuthStatus.none(provider).withProblem(e.getMessage());
        }
    }

    private static AuthStatus keyStatus(ProviderKind provider, AuthTier tier, String source) {
        return new AuthStatus(provider, Optional.of(tier), Optional.empty(), Optional.empty(), false, Optional.of(source),
                Optional.empty());
    }

    /** What auth.json says now; a file we cannot read is kept as {@code broken}, not thrown. */
    private record OpenAiFile(JsonFileStore store, Optional<AuthJson> json, Optional<TokenSet> tokens,
            Optional<AuthException> broken) {}

    private OpenAiFile openAiFile() {
        JsonFileStore store = store(settings.openAiFile());
        try {
            Optional<AuthJson> json = store.read().map(AuthJson::of);
            Optional<TokenSet> tokens = json.flatMap(j -> tokens(j, store.file())).map(t -> withUnsaved(store.file(), t));
            return new OpenAiFile(store, json, tokens, Optional.empty());
        } catch (AuthException e) {
            return new OpenAiFile(store, Optional.empty(), Optional.empty(), Optional.of(e));
        }
    }

    private static Optional<TokenSet> tokens(AuthJson json, Path file) {
        try {
            return json.tokens(file).map(TokenSet::fromStored);
        } catch (IllegalStateException e) {
            throw new AuthException(new AuthError.StorageFailed(file.toString(), e.getMessage()
                    .replace(file + ": ", "") + ". The file was left as it is; fix it or log in again"));
        }
    }

    /** The store of {@code file}; one per file, so its in-process lock covers every caller of this engine. */
    JsonFileStore store(Path file) {
        return stores.computeIfAbsent(file.toAbsolutePath().normalize(),
                p -> new JsonFileStore(p, settings.lockTimeout(), Clock.systemUTC(), lockPause));
    }

    static String suffix(String accountId) {
        return accountId.length() <= 4 ? accountId : accountId.substring(accountId.length() - 4);
    }

    // ---- LoginService

    @Override
    public CompletionStage<AuthStatus> login(ProviderKind provider, LoginFlow flow, LoginProgress progress) {
        if (!provider.supportsOAuth()) {
            return CompletableFuture.failedFuture(new AuthException(new AuthError.OAuthUnsupported(provider)));
        }
        LoginFuture future = new LoginFuture();
        logins.add(future);
        future.whenComplete((s, e) -> logins.remove(future));
        OpenAiLogin login = new OpenAiLogin(client, settings.loopbackPorts(), settings.callbackTimeout(), clock, pause,
                this::saveLogin, log);
        Thread worker = Thread.ofVirtual().name("trellis-auth-login-openai").unstarted(() -> {
            try {
                login.run(flow, progress);
                future.complete(status(ProviderKind.OPENAI));
            } catch (InterruptedException e) {
                future.completeExceptionally(new AuthException(new AuthError.Cancelled()));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        future.worker = worker;
        worker.start();
        return future;
    }

    /** A login's stage; {@link #cancel} stops the login thread (the callback server closes, polling ends). */
    static final class LoginFuture extends CompletableFuture<AuthStatus> {
        private volatile Thread worker;

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            Thread t = worker;
            if (t != null) {
                t.interrupt();
            }
            return cancelled;
        }
    }

    private void saveLogin(TokenSet tokens) {
        JsonFileStore store = store(settings.openAiFile());
        store.locked(locked -> {
            AuthJson current = locked.read().map(AuthJson::of).orElseGet(AuthJson::empty);
            locked.write(current.withTokens(tokens.stored(), clock.instant()).toJson());
            return null;
        });
        unsaved = null;
        log.info("stored the OpenAI login" + tokens.claims().accountId().map(a -> " of account ..." + suffix(a)).orElse("")
                + " in " + store.file());
    }

    @Override
    public boolean logout(ProviderKind provider) {
        if (!provider.supportsOAuth()) {
            return false;
        }
        return removeOpenAi(false).tokensRemoved();
    }

    @Override
    public AuthStatus storeApiKey(ProviderKind provider, String key) {
        if (key == null || key.isBlank() || key.strip().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("an API key must not be empty or contain whitespace");
        }
        String k = key.strip();
        if (provider == ProviderKind.OPENAI) {
            store(settings.openAiFile()).locked(locked -> {
                AuthJson current = locked.read().map(AuthJson::of).orElseGet(AuthJson::empty);
                locked.write(current.withApiKey(Optional.of(k)).toJson());
                return null;
            });
        } else {
            store(settings.keysFile()).locked(locked -> {
                locked.write(ApiKeys.of(locked.read()).with(provider, k, clock.instant()).toJson());
                return null;
            });
        }
        log.info("stored an API key for " + provider.id());
        return status(provider);
    }

    @Override
    public ClearResult clear(ProviderKind provider) {
        if (provider == ProviderKind.OPENAI) {
            return removeOpenAi(true);
        }
        boolean removed = store(settings.keysFile()).locked(locked -> {
            ApiKeys keys = ApiKeys.of(locked.read());
            if (keys.key(provider).isEmpty()) {
                return false;
            }
            ApiKeys rest = keys.without(provider);
            if (rest.isEmpty()) {
                locked.delete();
            } else {
                locked.write(rest.toJson());
            }
            return true;
        });
        if (removed) {
            log.info("removed the stored API key for " + provider.id());
        }
        return new ClearResult(provider, false, removed, Optional.empty(), status(provider));
    }

    private record Removed(Optional<String> refreshToken, boolean key) {}

    /** Removes the tokens (and with {@code alsoKey} the stored key), then revokes the refresh token. */
    private ClearResult removeOpenAi(boolean alsoKey) {
        JsonFileStore store = store(settings.openAiFile());
        Removed removed = store.locked(locked -> {
            Optional<AuthJson> current = locked.read().map(AuthJson::of);
            if (current.isEmpty()) {
                return new Removed(Optional.empty(), false);
            }
            AuthJson json = current.get();
            Optional<String> refreshToken = tokens(json, store.file()).map(TokenSet::refreshToken);
            boolean key = alsoKey && json.apiKey().isPresent();
            AuthJson rest = json.withoutTokens();
            if (alsoKey) {
                rest = rest.withApiKey(Optional.empty());
            }
            if (refreshToken.isEmpty() && !key) {
                return new Removed(Optional.empty(), false);
            }
            if (rest.isEmpty()) {
                locked.delete();
            } else {
                locked.write(rest.toJson());
            }
            return new Removed(refreshToken, key);
        });
        unsaved = null;
        Optional<String> revocation = Optional.empty();
        if (removed.refreshToken().isPresent()) {
            try {
                revocation = Optional.of(client.revoke(removed.refreshToken().get()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                revocation = Optional.of("not revoked: interrupted");
            }
            log.info("removed the OpenAI login from " + store.file() + "; " + revocation.get());
        }
        return new ClearResult(ProviderKind.OPENAI, removed.refreshToken().isPresent(), removed.key(), revocation,
                status(ProviderKind.OPENAI));
    }

    /** Cancels running logins and closes the HTTP client. */
    @Override
    public void close() {
        logins.forEach(f -> f.cancel(true));
        http.close();
    }
}
