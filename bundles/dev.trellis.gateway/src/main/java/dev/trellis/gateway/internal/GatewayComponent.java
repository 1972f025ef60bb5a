package dev.trellis.gateway.internal;

import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.api.gateway.GatewaySnapshot;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.ProviderStatus;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.ModelProvider;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link ModelGateway} service: {@link Gateway} fed by Declarative Services.
 *
 * <p>Providers are a dynamic, greedy, 0..n reference bound with their {@code ServiceReference}: SCR calls
 * {@link #removeProvider} synchronously while the provider's service is being unregistered, before the
 * provider's own deactivate method runs (SCR unregisters a component's service first, then deactivates it).
 * So by the time a provider waits for its in-flight streams, the gateway already sends new requests
 * elsewhere, or holds them until a replacement registers. Nothing here blocks in a bind or unbind method.
 *
 * <p>Configuration changes apply in place ({@code @Modified}): a running stream never notices them. The
 * component is immediate so its counters, recent errors and swap history live as long as the bundle, not
 * only as long as some bundle uses the gateway.
 */
@Component(service = ModelGateway.class, configurationPid = GatewaySettings.PID, immediate = true)
@Designate(ocd = GatewayConfig.class)
public final class GatewayComponent implements ModelGateway {

    private final Logger log;
    private final SystemTimer timer = new SystemTimer();
    private final Gateway gateway;

    // optional: without the auth bundle there is no refresh after 401, and no credential check for the default model
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CredentialResolver credentials;

    @Activate
    public GatewayComponent(GatewayConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.gateway = new Gateway(GatewaySettings.of(config, log::warn), timer, () -> ThreadLocalRandom.current().nextDouble(),
                new ResolverCredentials(), new Gateway.Log() {
                    @Override
                    public void info(String message) {
                        log.info(message);
                    }

                    @Override
                    public void warn(String message) {
                        log.warn(message);
                    }
                });
    }

    @Modified
    void modified(GatewayConfig config) {
        gateway.configure(GatewaySettings.of(config, log::warn));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        Duration bound = gateway.settings().drainTimeout();
        int running = gateway.active();
        int cancelled = gateway.close(bound);
        if (cancelled > 0) {
            log.warn("gateway: stopping with {} stream(s) still running after {} ms; they were cancelled", cancelled,
                    bound.toMillis());
        } else if (running > 0) {
            log.info("gateway: {} running stream(s) finished before the gateway stopped", running);
        }
        timer.close();
    }

    @Reference(name = "provider", service = ModelProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(ModelProvider provider, ServiceReference<ModelProvider> ref) {
        Optional<String> id = providerId(provider, ref);
        if (id.isEmpty()) {
            return;
        }
        Bundle b = ref.getBundle();
        gateway.add(new ProviderRef(provider, id.get(), serviceId(ref), ranking(ref), b == null ? -1 : b.getBundleId(),
                b == null ? "?" : b.getSymbolicName(), b == null ? "?" : b.getVersion().toString(), modelsTtl(ref)));
    }

    void updatedProvider(ModelProvider provider, ServiceReference<ModelProvider> ref) {
        providerId(provider, ref).ifPresent(id -> gateway.rerank(id, serviceId(ref), ranking(ref)));
    }

    void removeProvider(ModelProvider provider, ServiceReference<ModelProvider> ref) {
        // the id as bound; a provider whose id could not be read was never added
        Object property = ref.getProperty(ModelProvider.PROVIDER_ID);
        String id = property instanceof String s ? s : safeId(provider);
        if (id != null) {
            gateway.remove(id, serviceId(ref));
        }
    }

    private Optional<String> providerId(ModelProvider provider, ServiceReference<ModelProvider> ref) {
        Object property = ref.getProperty(ModelProvider.PROVIDER_ID);
        String id = property instanceof String s ? s : safeId(provider);
        if (id == null || !id.matches(ModelId.PROVIDER.pattern())) {
            log.warn("gateway: ignoring model provider service {} of bundle {}: its '{}' property is {} (expected an id"
                    + " matching {})", serviceId(ref), ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName(),
                    ModelProvider.PROVIDER_ID, property == null ? "missing" : "'" + property + "'", ModelId.PROVIDER.pattern());
            return Optional.empty();
        }
        return Optional.of(id);
    }

    private static String safeId(ModelProvider provider) {
        try {
            return provider.id();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private Optional<Duration> modelsTtl(ServiceReference<?> ref) {
        Object v = ref.getProperty(ModelGateway.MODELS_TTL);
        if (v == null) {
            return Optional.empty();
        }
        try {
            long seconds = v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().strip());
            if (seconds >= 0) {
                return Optional.of(Duration.ofSeconds(seconds));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        log.warn("gateway: model provider service {} has {}={}; expected whole seconds >= 0, using the gateway's setting",
                serviceId(ref), ModelGateway.MODELS_TTL, v);
        return Optional.empty();
    }

    private static int ranking(ServiceReference<?> ref) {
        return ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
    }

    @Override
    public StreamHandle stream(ChatRequest request, StreamListener listener) {
        return gateway.stream(request, listener);
    }

    @Override
    public List<ModelInfo> models() {
        return gateway.models();
    }

    @Override
    public List<ProviderStatus> status() {
        return gateway.status();
    }

    @Override
    public ModelId defaultModel() {
        return gateway.defaultModel();
    }

    @Override
    public GatewaySnapshot snapshot() {
        return gateway.snapshot();
    }

    /** The optional CredentialResolver, read once per call (it may come and go at any time). */
    private final class ResolverCredentials implements Gateway.Credentials {
        @Override
        public boolean available(String providerId) {
            Optional<ProviderKind> kind = kind(providerId);
            if (kind.isEmpty()) {
                return true;
            }
            CredentialResolver r = credentials;
            if (r == null) {
                return false;
            }
            try {
                return r.status(kind.get()).tier().isPresent();
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public boolean refreshable(String providerId) {
            return credentials != null && kind(providerId).isPresent();
        }

        @Override
        public void forceRefresh(String providerId) {
            CredentialResolver r = credentials;
            if (r == null) {
                throw new IllegalStateException("no credential resolver is registered");
            }
            try {
                r.forceRefresh(kind(providerId).orElseThrow());
            } catch (AuthException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        private Optional<ProviderKind> kind(String providerId) {
            try {
                return Optional.of(ProviderKind.parse(providerId));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
