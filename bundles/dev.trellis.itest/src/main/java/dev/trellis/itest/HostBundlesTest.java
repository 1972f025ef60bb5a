package dev.trellis.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/** Every bundle of the host configuration resolves and starts. */
@ExtendWith({BundleContextExtension.class, SurefireSummary.class})
class HostBundlesTest {

    @InjectBundleContext
    BundleContext ctx;

    @Test
    void everyBundleIsActive() {
        List<String> notActive = Arrays.stream(ctx.getBundles())
                .filter(b -> b.getHeaders().get("Fragment-Host") == null)
                .filter(b -> b.getState() != Bundle.ACTIVE)
                .map(b -> b.getSymbolicName() + " (state " + b.getState() + ")")
                .toList();
        assertThat(notActive).isEmpty();
    }

    @Test
    void trellisBundlesArePresent() {
        List<String> trellis = Arrays.stream(ctx.getBundles())
                .map(Bundle::getSymbolicName)
                .filter(n -> n.startsWith("dev.trellis."))
                .toList();
        assertThat(trellis).contains("dev.trellis.api", "dev.trellis.console", "dev.trellis.deploy", "dev.trellis.store.sqlite",
                "dev.trellis.memory", "dev.trellis.itest");
    }
}
