package dev.trellis.itest;

import static dev.trellis.itest.WatchedDir.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.model.ModelProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A newer version of a bundle that came with the host, dropped into a watched deploy directory: File
 * Install installs it beside the built-in one (it cannot update a bundle it did not install), and
 * {@code dev.trellis.deploy} stops the older one while the newer one runs and starts it again when the
 * file is deleted. Shown with the scripted model provider, the case users meet when they swap a provider.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class NewerVersionTakesOverTest {

    private static final String BSN = "dev.trellis.provider.scripted";
    private static final String JAR = "scripted-newer.jar";

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    WatchedDir deploy;

    @BeforeEach
    void watch() throws Exception {
        deploy = WatchedDir.start(ctx, cm, "deploy");
    }

    @AfterEach
    void unwatch() throws Exception {
        deploy.close();
    }

    @Test
    void aNewerBuiltInBundleDroppedIntoDeployTakesOverAndHandsBackWhenDeleted() throws Exception {
        Bundle builtIn = Arrays.stream(ctx.getBundles()).filter(b -> BSN.equals(b.getSymbolicName())).findFirst()
                .orElseThrow();
        assertThat(builtIn.getState()).isEqualTo(Bundle.ACTIVE);
        Version old = builtIn.getVersion();
        Version newer = new Version(old.getMajor(), old.getMinor(), old.getMicro() + 1, old.getQualifier());

        deploy.put(JAR, Jars.withVersion(scriptedJar(), newer));

        Bundle dropped = deploy.awaitActiveBundle(JAR);
        assertThat(dropped.getVersion()).isEqualTo(newer);
        await("the built-in " + old + " stopped for " + newer).atMost(TIMEOUT)
                .until(() -> builtIn.getState() == Bundle.RESOLVED);
        await("only the newer bundle offers the scripted provider").atMost(TIMEOUT).untilAsserted(() ->
                assertThat(providers()).isNotEmpty().allSatisfy(r -> assertThat(r.getBundle()).isEqualTo(dropped)));

        deploy.delete(JAR);

        await("the built-in started again").atMost(TIMEOUT).until(() -> builtIn.getState() == Bundle.ACTIVE);
        await("the built-in offers the provider again").atMost(TIMEOUT).untilAsserted(() ->
                assertThat(providers()).isNotEmpty().allSatisfy(r -> assertThat(r.getBundle()).isEqualTo(builtIn)));
    }

    private Collection<ServiceReference<ModelProvider>> providers() throws Exception {
        return ctx.getServiceReferences(ModelProvider.class, "(" + ModelProvider.PROVIDER_ID + "=scripted)");
    }

    private Path scriptedJar() {
        Path jar = Path.of(ctx.getProperty("itest.scripted.jar"));
        assertThat(Files.isRegularFile(jar)).as("itest.scripted.jar " + jar + " (see bndrun/itest.bndrun)").isTrue();
        return jar;
    }
}
