package dev.trellis.testing;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints one Surefire-style summary line per test class, e.g.
 * {@code [INFO] Tests run: 5, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 1.290 s -- in a.b.SomeTest (OSGi)}.
 * bnd-testing-maven-plugin reports only "No Errors" or a count, so without it a reader of the build log cannot see
 * how many in-framework tests ran. A failed assertion counts as a failure, any other exception as an error (as
 * Surefire does); aborted and disabled tests as skipped.
 *
 * <p>Register it on every test class: {@code @ExtendWith(SurefireSummary.class)} (with the other extensions).
 * Not final so a test bundle may keep a local name for it.
 */
public class SurefireSummary implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SurefireSummary.class);

    private record Counts(AtomicInteger run, AtomicInteger failed, AtomicInteger errors, AtomicInteger skipped,
            long startNanos) {
    }

    /** The counts of the test class {@code ctx} belongs to (a method's parent class, or the class itself). */
    private static Counts counts(ExtensionContext ctx) {
        ExtensionContext classCtx = ctx;
        while (classCtx.getTestMethod().isPresent() && classCtx.getParent().isPresent()) {
            classCtx = classCtx.getParent().get();
        }
        return classCtx.getStore(NS).getOrComputeIfAbsent("counts", k -> new Counts(new AtomicInteger(),
                new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), System.nanoTime()), Counts.class);
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
        (cause instanceof AssertionError ? c.failed() : c.errors()).incrementAndGet();
    }

    @Override
    public void testAborted(ExtensionContext ctx, Throwable cause) {
        skipped(ctx);
    }

    @Override
    public void testDisabled(ExtensionContext ctx, Optional<String> reason) {
        skipped(ctx);
    }

    private static void skipped(ExtensionContext ctx) {
        Counts c = counts(ctx);
        c.run().incrementAndGet();
        c.skipped().incrementAndGet();
    }

    @Override
    public void afterAll(ExtensionContext ctx) {
        Counts c = counts(ctx);
        out().println(line(ctx.getRequiredTestClass().getName(), c.run().get(), c.failed().get(), c.errors().get(),
                c.skipped().get(), (System.nanoTime() - c.startNanos()) / 1e9));
    }

    /** Where the line goes (standard output, which the bnd tester forwards to the Maven log). */
    protected PrintStream out() {
        return System.out;
    }

    static String line(String testClass, int run, int failed, int errors, int skipped, double seconds) {
        return String.format(java.util.Locale.ROOT,
                "[%s] Tests run: %d, Failures: %d, Errors: %d, Skipped: %d, Time elapsed: %.3f s -- in %s (OSGi)",
                failed + errors > 0 ? "ERROR" : "INFO", run, failed, errors, skipped, seconds, testClass);
    }
}
