package dev.trellis.itest;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints a Surefire-style summary line per test class. bnd-testing-maven-plugin reports only
 * "No Errors" or a count, so without this a reader of the build log cannot see how many OSGi tests
 * ran. Register with {@code @ExtendWith(SurefireSummary.class)} on every test class.
 */
public final class SurefireSummary implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SurefireSummary.class);

    private record Counts(AtomicInteger run, AtomicInteger failed, AtomicInteger skipped, long startNanos) {}

    private static Counts counts(ExtensionContext ctx) {
        ExtensionContext classCtx = ctx;
        while (classCtx.getParent().isPresent() && classCtx.getTestMethod().isPresent()) {
            classCtx = classCtx.getParent().get();
        }
        return classCtx.getStore(NS).getOrComputeIfAbsent("counts",
                k -> new Counts(new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), System.nanoTime()),
                Counts.class);
    }

    @Override
    public void beforeAll(ExtensionContext ctx) {
        counts(ctx);
    }

    @Override
    public void testSuccessful(ExtensionContext ctx) {
        counts(ctx).run().incrementAndGet();
    }

    @Override
    public void testFailed(ExtensionContext ctx, Throwable cause) {
        Counts c = counts(ctx);
        c.run().incrementAndGet();
        c.failed().incrementAndGet();
    }

    @Override
    public void testAborted(ExtensionContext ctx, Throwable cause) {
        Counts c = counts(ctx);
        c.run().incrementAndGet();
        c.skipped().incrementAndGet();
    }

    @Override
    public void testDisabled(ExtensionContext ctx, Optional<String> reason) {
        Counts c = counts(ctx);
        c.run().incrementAndGet();
        c.skipped().incrementAndGet();
    }

    @Override
    public void afterAll(ExtensionContext ctx) {
        Counts c = counts(ctx);
        double secs = (System.nanoTime() - c.startNanos()) / 1e9;
        System.out.printf("[%s] Tests run: %d, Failures: %d, Errors: 0, Skipped: %d, Time elapsed: %.3f s -- in %s (OSGi)%n",
                c.failed().get() > 0 ? "ERROR" : "INFO", c.run().get(), c.failed().get(), c.skipped().get(), secs,
                ctx.getRequiredTestClass().getName());
    }
}
