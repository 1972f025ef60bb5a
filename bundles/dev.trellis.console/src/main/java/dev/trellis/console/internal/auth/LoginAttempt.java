package dev.trellis.console.internal.auth;

import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.DeviceCode;
import dev.trellis.api.auth.LoginFlow;
import dev.trellis.api.auth.LoginProgress;
import dev.trellis.api.auth.ProviderKind;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A login started from the page. Runs in the auth bundle; the page shows what it asks for (the URL to open, or
 * the device code) and polls until {@link #future} completes. One per provider at a time.
 */
final class LoginAttempt implements LoginProgress {

    final ProviderKind provider;
    final LoginFlow flow;
    private volatile URI authorizeUrl;
    private volatile DeviceCode deviceCode;
    private volatile CompletableFuture<AuthStatus> future = new CompletableFuture<>();

    LoginAttempt(ProviderKind provider, LoginFlow flow) {
        this.provider = provider;
        this.flow = flow;
    }

    void started(CompletableFuture<AuthStatus> running) {
        future = running;
    }

    CompletableFuture<AuthStatus> future() {
        return future;
    }

    Optional<URI> authorizeUrl() {
        return Optional.ofNullable(authorizeUrl);
    }

    Optional<DeviceCode> deviceCode() {
        return Optional.ofNullable(deviceCode);
    }

    /** {@code pending}, {@code done} or {@code failed}: what the page's poll watches. */
    String state() {
        CompletableFuture<AuthStatus> f = future;
        return !f.isDone() ? "pending" : f.isCompletedExceptionally() ? "failed" : "done";
    }

    @Override
    public void openBrowser(URI url) {
        authorizeUrl = url;
    }

    @Override
    public void showDeviceCode(DeviceCode code) {
        deviceCode = code;
    }
}
