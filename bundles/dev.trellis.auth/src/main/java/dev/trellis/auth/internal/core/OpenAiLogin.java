package dev.trellis.auth.internal.core;

import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.DeviceCode;
import dev.trellis.api.auth.LoginFlow;
import dev.trellis.api.auth.LoginProgress;
import dev.trellis.auth.internal.oauth.DeviceAuthorization;
import dev.trellis.auth.internal.oauth.DevicePoll;
import dev.trellis.auth.internal.oauth.LoopbackServer;
import dev.trellis.auth.internal.oauth.OAuthClient;
import dev.trellis.auth.internal.oauth.Pkce;
import dev.trellis.auth.internal.oauth.TokenSet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One OpenAI login, run on its own thread: PKCE loopback (first free callback port) or device code, and
 * {@link LoginFlow#AUTO} = loopback, else device code when no port can be bound. Tokens are handed to
 * {@code save} only after a successful exchange, so a denied, forged or expired login stores nothing.
 */
final class OpenAiLogin {

    /** RFC 8628 §3.5: on {@code slow_down} the interval grows by 5 seconds. */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private final OAuthClient client;
    private final List<Integer> ports;
    private final Duration callbackTimeout;
    private final Clock clock;
    private final Pause pause;
    private final Consumer<TokenSet> save;
    private final AuthLog log;

    OpenAiLogin(OAuthClient client, List<Integer> ports, Duration callbackTimeout, Clock clock, Pause pause,
            Consumer<TokenSet> save, AuthLog log) {
        this.client = client;
        this.ports = ports;
        this.callbackTimeout = callbackTimeout;
        this.clock = clock;
        this.pause = pause;
        this.save = save;
        this.log = log;
    }

    void run(LoginFlow flow, LoginProgress progress) throws InterruptedException {
        switch (flow) {
            case DEVICE_CODE -> deviceCode(progress);
            case LOOPBACK -> {
                if (!loopback(progress)) {
                    throw new AuthException(new AuthError.LoopbackBindFailed(portList()));
                }
            }
            case AUTO -> {
                if (!loopback(progress)) {
                    log.info("callback port(s) " + portList() + " are in use: using the device code login instead");
                    deviceCode(progress);
                }
            }
        }
    }

    /** @return false if no callback port could be bound */
    private boolean loopback(LoginProgress progress) throws InterruptedException {
        Pkce pkce = Pkce.create();
        AtomicReference<URI> redirect = new AtomicReference<>();
        Optional<LoopbackServer> bound = LoopbackServer.bind(ports, pkce.state(),
                code -> save.accept(client.exchange(code, pkce.verifier(), redirect.get())));
        if (bound.isEmpty()) {
            return false;
        }
        try (LoopbackServer server = bound.get()) {
            redirect.set(server.redirectUri());
            progress.openBrowser(client.authorizeUrl(pkce, server.redirectUri()));
            server.outcome().get(callbackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            throw new AuthException(new AuthError.LoopbackTimeout());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void deviceCode(LoginProgress progress) throws InterruptedException {
        Pkce pkce = Pkce.create();
        DeviceAuthorization device = client.startDeviceCode(pkce);
        Instant expiresAt = clock.instant().plus(device.expiresIn());
        Duration interval = device.interval();
        progress.showDeviceCode(new DeviceCode(device.userCode(), device.verificationUri(), interval, expiresAt));
        while (true) {
            pause.pause(interval);
            if (!clock.instant().isBefore(expiresAt)) {
                throw new AuthException(new AuthError.DeviceCodeExpired());
            }
            switch (client.pollDeviceCode(device, pkce)) {
                case DevicePoll.Pending p -> {
                    // keep polling
                }
                case DevicePoll.SlowDown s -> interval = interval.plus(SLOW_DOWN_STEP);
                case DevicePoll.Denied d -> throw new AuthException(new AuthError.DeviceCodeDenied());
                case DevicePoll.Expired x -> throw new AuthException(new AuthError.DeviceCodeExpired());
                case DevicePoll.Approved a -> {
                    save.accept(a.tokens());
                    return;
                }
            }
        }
    }

    private String portList() {
        return ports.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("(none)");
    }
}
