package dev.trellis.itest;

import static dev.trellis.itest.WatchedDir.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolResult;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Hot deploy through a File Install watcher configured exactly like the product's deploy/ watcher:
 * dropping, replacing and deleting the example hello plugin jar.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class HotDeployTest {

    private static final String JAR = "hello.jar";

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    @InjectService(filter = "(" + Tool.NAME + "=hello)", cardinality = 0)
    ServiceAware<Tool> hello;

    WatchedDir deploy;
    Path helloJar;

    @BeforeEach
    void watch() throws Exception {
        helloJar = Jars.helloJar(ctx);
        assertThat(hello.isEmpty()).as("no hello tool before the drop").isTrue();
        deploy = WatchedDir.start(ctx, cm, "deploy");
    }

    @AfterEach
    void unwatch() throws Exception {
        deploy.close();
    }

    @Test
    void droppedJarIsInstalledStartedAndItsToolWorks() throws Exception {
        deploy.putCopy(JAR, helloJar);

        Bundle bundle = deploy.awaitActiveBundle(JAR);
        assertThat(bundle.getSymbolicName()).isEqualTo(Jars.HELLO_BSN);
        assertThat(bundle.getVersion()).isEqualTo(Jars.versionOf(helloJar));

        Tool tool = hello.waitForService(TIMEOUT.toMillis());
        assertThat(tool).as("hello tool service").isNotNull();
        assertThat(hello.getServiceReference().getBundle()).isEqualTo(bundle);
        assertThat(tool.descriptor().name()).isEqualTo("hello");
        assertThat(tool.invoke(HelloPlugin.GREET_ADA)).isEqualTo(ToolResult.ok("Hello, Ada!"));
    }

    @Test
    void replacedJarUpdatesTheSameBundleAndReRegistersTheTool() throws Exception {
        deploy.putCopy(JAR, helloJar);
        Bundle bundle = deploy.awaitActiveBundle(JAR);
        hello.waitForService(TIMEOUT.toMillis());
        long oldServiceId = serviceId(hello.getServiceReference());

        Version old = bundle.getVersion();
        Version newer = new Version(old.getMajor(), old.getMinor(), old.getMicro() + 1, old.getQualifier());
        deploy.put(JAR, Jars.withVersion(helloJar, newer));

        await("hello tool re-registered by version " + newer).atMost(TIMEOUT).untilAsserted(() -> {
            ServiceReference<Tool> ref = hello.getServiceReference();
            assertThat(ref).isNotNull();
            assertThat(serviceId(ref)).isNotEqualTo(oldServiceId);
            assertThat(ref.getBundle().getVersion()).isEqualTo(newer);
        });
        assertThat(hello.getServiceReference().getBundle().getBundleId())
                .as("updated in place, not installed again").isEqualTo(bundle.getBundleId());
        assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(bundle.getVersion()).isEqualTo(newer);
        assertThat(deploy.bundleFrom(JAR)).contains(bundle);
        assertThat(bundlesNamed(Jars.HELLO_BSN)).as("one hello bundle after the update").isEqualTo(1);
        assertThat(hello.getService().invoke(HelloPlugin.GREET_ADA)).isEqualTo(ToolResult.ok("Hello, Ada!"));
    }

    @Test
    void deletedJarUninstallsTheBundleAndTheToolGoes() throws Exception {
        deploy.putCopy(JAR, helloJar);
        long id = deploy.awaitActiveBundle(JAR).getBundleId();
        hello.waitForService(TIMEOUT.toMillis());

        deploy.delete(JAR);

        await("hello bundle uninstalled").atMost(TIMEOUT).until(() -> ctx.getBundle(id) == null);
        assertThat(hello.isEmpty()).as("hello tool gone").isTrue();
        assertThat(bundlesNamed(Jars.HELLO_BSN)).isZero();
    }

    private long bundlesNamed(String bsn) {
        return java.util.Arrays.stream(ctx.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).count();
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }
}
