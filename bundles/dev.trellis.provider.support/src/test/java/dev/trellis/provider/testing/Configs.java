package dev.trellis.provider.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Instances of a component's configuration annotation, as SCR builds them: each method answers the
 * property named like it ({@code drain_timeout_ms} → {@code drain.timeout.ms}) if given, else its default.
 */
public final class Configs {

    private Configs() {
    }

    public static <A extends Annotation> A defaults(Class<A> type) {
        return of(type, Map.of());
    }

    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> properties) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            switch (m.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + properties;
                case "hashCode":
                    return System.identityHashCode(p);
                case "equals":
                    return p == args[0];
                default:
                    String key = m.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
                    Object v = properties.get(key);
                    return v == null ? m.getDefaultValue() : convert(m, v);
            }
        });
        return type.cast(proxy);
    }

    private static Object convert(Method m, Object v) {
        Class<?> t = m.getReturnType();
        if (t.isInstance(v)) {
            return v;
        }
        String s = String.valueOf(v);
        if (t == int.class) {
            return Integer.parseInt(s);
        }
        if (t == long.class) {
            return Long.parseLong(s);
        }
        if (t == boolean.class) {
            return Boolean.parseBoolean(s);
        }
        if (t == String[].class) {
            return s.isEmpty() ? new String[0] : s.split(",");
        }
        if (t == String.class) {
            return s;
        }
        throw new IllegalArgumentException("cannot convert " + v + " for " + m);
    }
}
