package dev.trellis.console.testing;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

/** Hand-written fakes of framework interfaces: each method answers from a name-to-answer map. */
public final class Fakes {

    private Fakes() {
    }

    /**
     * A proxy of {@code type} whose methods answer from {@code answers} (by method name, given the arguments);
     * an unexpected call fails the test loudly.
     */
    public static <T> T fake(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getName().equals("toString") && m.getParameterCount() == 0) {
                return "Fake" + type.getSimpleName();
            }
            if (m.getName().equals("hashCode") && m.getParameterCount() == 0) {
                return System.identityHashCode(proxy);
            }
            if (m.getName().equals("equals") && m.getParameterCount() == 1) {
                return proxy == args[0];
            }
            Function<Object[], Object> answer = answers.get(m.getName());
            if (answer == null) {
                throw new AssertionError("unexpected call " + type.getSimpleName() + "." + m.getName());
            }
            return answer.apply(args == null ? new Object[0] : args);
        }));
    }
}
