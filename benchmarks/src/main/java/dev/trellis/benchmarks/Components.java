package dev.trellis.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentContext;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Activates DS components the way SCR does, without a framework: calls the activation constructor
 * named by the component descriptor with a configuration annotation instance and the context
 * objects it asks for, and calls the descriptor's deactivate method at the end. The benchmarks thereby run exactly the code the
 * host runs (the components' configuration types and lifecycle methods are not public API).
 */
final class Components {

    private Components() {
    }

    /** What SCR reads from a component's descriptor: the activation constructor's arity and the deactivate method. */
    private record Descriptor(int init, String deactivate) {
    }

    /**
     * Creates {@code type} through its activation constructor (the public constructor with the
     * descriptor's {@code init} parameters, as SCR chooses it); {@code args} supply parameters by type,
     * configuration annotation parameters get their defaults.
     */
    static <T> T activate(Class<T> type, Object... args) {
        return activate(type, Map.of(), args);
    }

    /**
     * Like {@link #activate(Class, Object...)}, with configuration properties ({@code drain.timeout.ms}
     * answers the attribute {@code drain_timeout_ms}); attributes not given keep their defaults.
     */
    static <T> T activate(Class<T> type, Map<String, ?> config, Object... args) {
        int init = descriptor(type).init();
        List<Constructor<?>> candidates = Arrays.stream(type.getConstructors())
                .filter(c -> c.getParameterCount() == init).toList();
        if (candidates.size() != 1) {
            throw new IllegalArgumentException(type.getName() + ": expected one public constructor with " + init
                    + " parameters (descriptor init=\"" + init + "\"), found " + candidates);
        }
        Constructor<?> ctor = candidates.get(0);
        Class<?>[] params = ctor.getParameterTypes();
        Object[] values = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            values[i] = argument(type, params[i], config, args);
        }
        try {
            return type.cast(ctor.newInstance(values));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("activating " + type.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot activate " + type.getName() + ": " + e, e);
        }
    }

    /** Calls the component's deactivate method named in its descriptor, if any. */
    static void deactivate(Object component) {
        String name = descriptor(component.getClass()).deactivate();
        if (name.isEmpty()) {
            return;
        }
        try {
            Method m = component.getClass().getDeclaredMethod(name);
            m.setAccessible(true);
            m.invoke(component);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("deactivating " + component.getClass().getName() + " failed: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot deactivate " + component.getClass().getName() + ": " + e, e);
        }
    }

    /**
     * The DS annotations are not kept at run time; bnd turned them into {@code OSGI-INF/<class>.xml}
     * in the bundle, which is what SCR reads too.
     */
    private static Descriptor descriptor(Class<?> type) {
        String resource = "OSGI-INF/" + type.getName() + ".xml";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(type.getName() + " has no component descriptor " + resource);
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Element root = factory.newDocumentBuilder().parse(in).getDocumentElement();
            String init = root.getAttribute("init");
            return new Descriptor(init.isEmpty() ? 0 : Integer.parseInt(init), root.getAttribute("deactivate"));
        } catch (IOException | ParserConfigurationException | SAXException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e, e);
        }
    }

    /**
     * Binds {@code service} to the dynamic reference {@code reference} of {@code component}, as SCR does when a
     * matching service appears: calls the bind method the descriptor names, with the service and its properties
     * (ranking 0, the given service id).
     */
    static void bind(Object component, String reference, Object service, long serviceId) {
        String resource = "OSGI-INF/" + component.getClass().getName() + ".xml";
        String bind = element(component.getClass(), resource, "reference", reference).getAttribute("bind");
        if (bind.isEmpty()) {
            throw new IllegalArgumentException(component.getClass().getName() + ": reference " + reference + " has no bind method");
        }
        Map<String, Object> properties = Map.of("service.ranking", 0, "service.id", serviceId);
        for (Method m : component.getClass().getDeclaredMethods()) {
            if (m.getName().equals(bind) && m.getParameterCount() == 2 && m.getParameterTypes()[1] == Map.class
                    && m.getParameterTypes()[0].isInstance(service)) {
                try {
                    m.setAccessible(true);
                    m.invoke(component, service, properties);
                    return;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("binding " + reference + " of " + component.getClass().getName()
                            + " failed: " + e, e);
                }
            }
        }
        throw new IllegalArgumentException(component.getClass().getName() + " has no method " + bind + "(service, Map)");
    }

    /** The first element {@code tag} with attribute name = {@code name} in a component descriptor. */
    private static Element element(Class<?> type, String resource, String tag, String name) {
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(type.getName() + " has no component descriptor " + resource);
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var nodes = factory.newDocumentBuilder().parse(in).getDocumentElement().getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                if (e.getAttribute("name").equals(name)) {
                    return e;
                }
            }
            throw new IllegalArgumentException(resource + " has no " + tag + " named " + name);
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e, e);
        }
    }

    /** A framework stand-in answering {@link BundleContext#getProperty} from {@code properties}. */
    static BundleContext bundleContext(Map<String, String> properties) {
        return proxy(BundleContext.class, (p, m, a) -> switch (m.getName()) {
            case "getProperty" -> properties.get((String) a[0]);
            default -> unsupported(BundleContext.class, m);
        });
    }

    /**
     * A framework stand-in for a component of bundle {@code bsn}: {@code getProperty} from
     * {@code properties}, {@code getBundle()} a bundle named {@code bsn} without entries.
     */
    static BundleContext bundleContext(Map<String, String> properties, String bsn) {
        Bundle bundle = proxy(Bundle.class, (p, m, a) -> switch (m.getName()) {
            case "getSymbolicName" -> bsn;
            case "findEntries", "getEntry" -> null;
            default -> unsupported(Bundle.class, m);
        });
        return proxy(BundleContext.class, (p, m, a) -> switch (m.getName()) {
            case "getProperty" -> properties.get((String) a[0]);
            case "getBundle" -> bundle;
            default -> unsupported(BundleContext.class, m);
        });
    }

    /** DS's component logger, discarding everything (benchmarks measure work, not logging). */
    static org.osgi.service.log.Logger logger() {
        return proxy(org.osgi.service.log.Logger.class, (p, m, a) -> switch (m.getName()) {
            case "isTraceEnabled", "isDebugEnabled", "isInfoEnabled", "isWarnEnabled", "isErrorEnabled" -> false;
            case "getName" -> "benchmark";
            default -> m.getReturnType() == void.class ? null : unsupported(org.osgi.service.log.Logger.class, m);
        });
    }

    /** The context of a bundle-scoped service instance obtained by the bundle {@code usingBsn}. */
    static ComponentContext usedBy(String usingBsn) {
        Bundle bundle = proxy(Bundle.class, (p, m, a) -> switch (m.getName()) {
            case "getSymbolicName" -> usingBsn;
            default -> unsupported(Bundle.class, m);
        });
        return proxy(ComponentContext.class, (p, m, a) -> switch (m.getName()) {
            case "getUsingBundle" -> bundle;
            default -> unsupported(ComponentContext.class, m);
        });
    }

    /** Sets a component's reference field as SCR does for a field reference (e.g. a dynamic volatile one). */
    static void bind(Object component, String field, Object service) {
        try {
            var f = component.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(component, service);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind " + component.getClass().getName() + "." + field + ": " + e, e);
        }
    }

    private static Object argument(Class<?> component, Class<?> param, Map<String, ?> config, Object[] args) {
        for (Object a : args) {
            if (param.isInstance(a)) {
                return a;
            }
        }
        if (param.isAnnotation()) {
            return configured(param, config);
        }
        if (param.getName().equals("org.osgi.service.log.Logger")) {
            return null; // an optional logger reference left unbound
        }
        throw new IllegalArgumentException("activating " + component.getName() + ": no argument for parameter type "
                + param.getName());
    }

    /**
     * A configuration annotation instance with every attribute at its default (no configuration
     * record, as in the host's default run). Proxy classes of non-public interfaces live in the
     * interface's own package, so this works for the components' package-private config types.
     */
    private static Object configured(Class<?> annotationType, Map<String, ?> config) {
        return Proxy.newProxyInstance(annotationType.getClassLoader(), new Class<?>[] {annotationType}, (p, m, a) -> {
            if (m.getDeclaringClass() == annotationType && m.getParameterCount() == 0) {
                Object v = config.get(m.getName().replace('_', '.'));
                if (v != null) {
                    return v;
                }
                return Objects.requireNonNull(m.getDefaultValue(), () -> annotationType.getName() + "." + m.getName()
                        + " has no default");
            }
            return switch (m.getName()) {
                case "annotationType" -> annotationType;
                case "toString" -> annotationType.getSimpleName() + "(defaults)";
                case "hashCode" -> System.identityHashCode(p);
                case "equals" -> p == a[0];
                default -> unsupported(annotationType, m);
            };
        });
    }

    /** A Log Service logger that drops everything (components log only on problems, which fail the run anyway). */
    static org.osgi.service.log.Logger silentLogger() {
        return proxy(org.osgi.service.log.Logger.class, (p, m, a) -> m.getReturnType() == boolean.class ? Boolean.FALSE : null);
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        InvocationHandler withObjectMethods = (p, m, a) -> switch (m.getName()) {
            case "toString" -> type.getSimpleName() + "(benchmark stand-in)";
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == a[0];
            default -> handler.invoke(p, m, a);
        };
        return type.cast(Proxy.newProxyInstance(Components.class.getClassLoader(), new Class<?>[] {type},
                withObjectMethods));
    }

    private static Object unsupported(Class<?> type, Method m) {
        throw new UnsupportedOperationException(type.getSimpleName() + "." + m.getName()
                + " is not available outside the framework (benchmark stand-in)");
    }
}
