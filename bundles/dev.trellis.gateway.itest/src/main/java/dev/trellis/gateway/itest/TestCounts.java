package dev.trellis.gateway.itest;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints one Surefire-like line per test class ({@code Tests run: n, Failures: f, ...}), because the bnd
 * tester only says "No Errors" or a count in the Maven log.
 */
public final class TestCounts implements TestWatcher, BeforeAllCallback, AfterAllCallback {

    private static final int RUN = 0;
    private static final int FAILED = 1;
    private static final int SKIPPED = 2;

    private static AtomicIntegerArray of(ExtensionContext context) {
        ExtensionContext root = context;
        while (root.getTestMethod().isPresent() && root.getParent().isPresent()) {
            root = root.getParent().get();
        }
        ExtensionContext.Store store = root.getStore(ExtensionContext.Namespace.create(TestCounts.class, root.getUniqueId()));
        store.getOrComputeIfAbsent("started", k -> System.nanoTime());
        return store.getOrComputeIfAbsent("counts", k -> new AtomicIntegerArray(3), AtomicIntegerArray.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        of(context);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        of(context).incrementAndGet(RUN);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        AtomicIntegerArray c = of(context);
        c.incrementAndGet(RUN);
        c.incrementAndGet(FAILED);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        testDisabled(context, Optional.empty());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        AtomicIntegerArray c = of(context);
        c.incrementAndGet(RUN);
        c.incrementAndGet(SKIPPED);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        AtomicIntegerArray c = of(context);
        long started = context.getStore(ExtensionContext.Namespace.create(TestCounts.class, context.getUniqueId()))
                .get("started", Long.class);
        String level = c.get(FAILED) == 0 ? "INFO" : "ERROR";
        System.out.println(String.format("[%s] Tests run: %d, Failures: %d, Errors: 0, Skipped: %d, Time elapsed: %.3f s -- in %s (OSGi)",
                level, c.get(RUN), c.get(FAILED), c.get(SKIPPED), (System.nanoTime() - started) / 1e9,
                context.getRequiredTestClass().getName()));
    }
}
