package dev.trellis.itest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Tier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * Shared bits of the Memory* tests. The itest store file persists across test classes (and across
 * runs until {@code mvn clean}), so every test names its scopes with {@link #unique(String)}.
 */
final class MemoryFixtures {

    private MemoryFixtures() {}

    /** A scope id no earlier run or test used: {@code mi-<what>-<base36 nanos>}. */
    static String unique(String what) {
        return "mi-" + what + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** A search word no other test or run has written: letters only, so FTS keeps it as one token. */
    static String uniqueWord(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        long n = System.nanoTime();
        while (n > 0) {
            sb.append((char) ('a' + (n % 26)));
            n /= 26;
        }
        return sb.toString();
    }

    static BlockCreate block(BlockAddress address, Tier tier, Schema schema, Permission permission, int charLimit,
            String content) {
        return new BlockCreate(address, tier, schema, "itest " + address.label(), charLimit, permission, false, content);
    }

    static BlockCreate text(BlockAddress address, Tier tier, String content) {
        return block(address, tier, Schema.TEXT, Permission.READ_WRITE, 5000, content);
    }

    /** Runs {@code call}, asserts it throws a {@link MemoryException}, and returns the typed error. */
    static MemoryError errorOf(ThrowingCallable call) {
        AtomicReference<MemoryError> error = new AtomicReference<>();
        assertThatThrownBy(call).isInstanceOfSatisfying(MemoryException.class, e -> error.set(e.error()));
        return error.get();
    }

    /**
     * Installs and starts a bundle that has nothing but a manifest, so the tests can call the
     * bundle-scoped memory services as a second plugin (its BundleContext gets its own instances).
     */
    static Bundle installProbe(BundleContext ctx, String bsn) throws IOException, BundleException {
        byte[] jar = Jars.manifestOnly(Map.of(
                "Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", bsn,
                "Bundle-Version", "1.0.0",
                "Import-Package", "dev.trellis.api.memory, dev.trellis.api.memory.sync"));
        Bundle probe = ctx.installBundle("itest:" + bsn + ":" + System.nanoTime(), new ByteArrayInputStream(jar));
        probe.start();
        return probe;
    }

    /** The service as the probe bundle sees it (its own bundle-scoped instance). */
    static <S> S serviceOf(Bundle probe, Class<S> type) {
        BundleContext pc = probe.getBundleContext();
        ServiceReference<S> ref = pc.getServiceReference(type);
        if (ref == null) {
            throw new AssertionError(type.getName() + " is not registered (seen from " + probe.getSymbolicName() + ")");
        }
        return pc.getService(ref);
    }
}
