package dev.trellis.benchmarks;

import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.model.ModelProvider;
import dev.trellis.gateway.internal.GatewayComponent;
import dev.trellis.provider.scripted.internal.ScriptedProvider;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.log.Logger;

/**
 * A provider (the scripted one unless given) and the gateway as SCR wires them in the host, without a framework:
 * the real component classes, their configuration at its defaults unless given, the gateway's bind method called
 * with a {@code ServiceReference} stand-in carrying the provider's service properties. {@link #close} deactivates
 * both.
 */
final class GatewayFixture implements AutoCloseable {

    final ModelProvider provider;
    final ModelGateway gateway;

    /** The gateway at its defaults in front of the scripted provider. */
    GatewayFixture() {
        this(scripted(), Map.of(ModelProvider.PROVIDER_ID, "scripted", ModelGateway.MODELS_TTL, 0), Map.of());
    }

    /**
     * The gateway with {@code gatewayConfig} (the rest at its defaults) in front of {@code provider}, bound with
     * {@code serviceProperties} ({@code provider.id} at least), as the only instance of that provider id.
     */
    GatewayFixture(ModelProvider provider, Map<String, Object> serviceProperties, Map<String, ?> gatewayConfig) {
        this.provider = provider;
        this.gateway = Components.activate(GatewayComponent.class, gatewayConfig, silentLogger());
        Map<String, Object> props = new java.util.HashMap<>(serviceProperties);
        props.put("service.id", 1L);
        props.put("service.ranking", 0);
        bind(gateway, provider, props);
    }

    @Override
    public void close() {
        Components.deactivate(gateway);
        Components.deactivate(provider);
    }

    /**
     * The provider through its test constructor (instance name, a problems sink, no ConfigurationAdmin): the
     * activation constructor needs a BundleContext that names its bundle, which the stand-ins do not offer.
     */
    private static ModelProvider scripted() {
        try {
            Class<?> problems = Class.forName("dev.trellis.provider.scripted.internal.Problems");
            Class<?> config = Class.forName("dev.trellis.provider.scripted.internal.ScriptedConfig");
            Object sink = Proxy.newProxyInstance(problems.getClassLoader(), new Class<?>[] {problems},
                    (p, m, a) -> m.getName().equals("toString") ? "problems" : null);
            Constructor<ScriptedProvider> c = ScriptedProvider.class.getDeclaredConstructor(config, String.class, problems,
                    org.osgi.service.cm.ConfigurationAdmin.class);
            c.setAccessible(true);
            return c.newInstance(defaults(config), "bench#1", sink, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the scripted provider: " + e, e);
        }
    }

    private static Object defaults(Class<?> annotation) {
        return Proxy.newProxyInstance(annotation.getClassLoader(), new Class<?>[] {annotation}, (p, m, a) -> {
            if (m.getDeclaringClass() == annotation) {
                return m.getDefaultValue();
            }
            return m.getName().equals("annotationType") ? annotation : null;
        });
    }

    private static void bind(ModelGateway gateway, ModelProvider provider, Map<String, Object> properties) {
        Bundle bundle = proxy(Bundle.class, (p, m, a) -> switch (m.getName()) {
            case "getBundleId" -> 42L;
            case "getSymbolicName" -> "dev.trellis.provider." + properties.get(ModelProvider.PROVIDER_ID);
            case "getVersion" -> new Version(0, 1, 0);
            default -> throw new UnsupportedOperationException("Bundle." + m.getName());
        });
        ServiceReference<?> ref = proxy(ServiceReference.class, (p, m, a) -> switch (m.getName()) {
            case "getProperty" -> properties.get((String) a[0]);
            case "getBundle" -> bundle;
            default -> throw new UnsupportedOperationException("ServiceReference." + m.getName());
        });
        try {
            Method add = GatewayComponent.class.getDeclaredMethod("addProvider", ModelProvider.class, ServiceReference.class);
            add.setAccessible(true);
            add.invoke(gateway, provider, ref);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind the provider: " + e, e);
        }
    }

    private static Logger silentLogger() {
        return proxy(Logger.class, (p, m, a) -> switch (m.getName()) {
            case "getName" -> "bench";
            case "isTraceEnabled", "isDebugEnabled", "isInfoEnabled", "isWarnEnabled", "isErrorEnabled" -> false;
            default -> null;
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(GatewayFixture.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) ->
                switch (m.getName()) {
                    case "toString" -> type.getSimpleName() + "(benchmark stand-in)";
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> handler.invoke(p, m, a);
                }));
    }
}
