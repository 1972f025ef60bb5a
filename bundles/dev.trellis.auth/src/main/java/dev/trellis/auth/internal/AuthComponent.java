package dev.trellis.auth.internal;

import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.ClearResult;
import dev.trellis.api.auth.Credential;
import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.LoginFlow;
import dev.trellis.api.auth.LoginProgress;
import dev.trellis.api.auth.LoginService;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.auth.internal.core.AuthEngine;
import dev.trellis.auth.internal.core.AuthLog;
import dev.trellis.auth.internal.core.AuthSettings;
import dev.trellis.auth.internal.core.Environment;
import dev.trellis.auth.internal.core.Pause;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@link CredentialResolver} and {@link LoginService} for the host, configured by PID {@code dev.trellis.auth}.
 * One component offers both, so refreshes and logins share one engine and its in-process locks. Activation
 * reads no file and opens no port: everything happens on first use. A configuration change re-creates the
 * component; a login running then is cancelled.
 */
@Component(service = {CredentialResolver.class, LoginService.class}, configurationPid = "dev.trellis.auth")
@Designate(ocd = AuthConfig.class)
public final class AuthComponent implements CredentialResolver, LoginService {

    private final AuthEngine engine;

    @Activate
    public AuthComponent(BundleContext ctx, Map<String, Object> properties,
            @Reference(service = LoggerFactory.class) Logger logger) {
        Environment env = Environment.system();
        AuthSettings settings = AuthSettings.from(properties, env, AuthSettings.trellisHome(ctx::getProperty, env));
        this.engine = new AuthEngine(settings, env, Clock.systemUTC(), Pause.REAL, new AuthLog() {
            @Override
            public void info(String message) {
                logger.info(message);
            }

            @Override
            public void warn(String message) {
                logger.warn(message);
            }
        });
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    @Override
    public Credential resolve(ProviderKind provider) {
        return engine.resolve(provider);
    }

    @Override
    public Credential forceRefresh(ProviderKind provider) {
        return engine.forceRefresh(provider);
    }

    @Override
    public AuthStatus status(ProviderKind provider) {
        return engine.status(provider);
    }

    @Override
    public CompletionStage<AuthStatus> login(ProviderKind provider, LoginFlow flow, LoginProgress progress) {
        return engine.login(provider, flow, progress);
    }

    @Override
    public boolean logout(ProviderKind provider) {
        return engine.logout(provider);
    }

    @Override
    public AuthStatus storeApiKey(ProviderKind provider, String key) {
        return engine.storeApiKey(provider, key);
    }

    @Override
    public ClearResult clear(ProviderKind provider) {
        return engine.clear(provider);
    }
}
