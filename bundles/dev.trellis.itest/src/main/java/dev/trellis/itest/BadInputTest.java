package dev.trellis.itest;

import static dev.trellis.itest.WatchedDir.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Bad input in the watched directories (a corrupt jar or an unresolvable bundle in deploy/, a config
 * file with a syntax error in runtime-config/) gives a WARN/ERROR log entry naming the file and the
 * reason, and disturbs nothing else: the hello plugin dropped before keeps the same bundle and the
 * same service registration and still answers, every host bundle stays ACTIVE.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class BadInputTest {

    private static final String HELLO_PID = HelloPlugin.PID;

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    @InjectService
    LogReaderService logReader;

    @InjectService(filter = "(" + Tool.NAME + "=hello)", cardinality = 0)
    ServiceAware<Tool> hello;

    WatchedDir deploy;
    WatchedDir config;
    final List<LogEntry> log = new CopyOnWriteArrayList<>();
    final LogListener listener = log::add;
    Bundle helloBundle;
    Object helloServiceId;

    @BeforeEach
    void deployGoodPlugin() throws Exception {
        deploy = WatchedDir.start(ctx, cm, "deploy");
        config = WatchedDir.start(ctx, cm, "config");
        deploy.putCopy("hello.jar", Jars.helloJar(ctx));
        helloBundle = deploy.awaitActiveBundle("hello.jar");
        assertThat(hello.waitForService(TIMEOUT.toMillis())).isNotNull();
        helloServiceId = hello.getServiceReference().getProperty(Constants.SERVICE_ID);
        logReader.addLogListener(listener);
    }

    @AfterEach
    void cleanUp() throws Exception {
        logReader.removeLogListener(listener);
        config.close();
        deploy.close();
    }

    @Test
    void corruptJarIsReportedAndDisturbsNothing() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        deploy.put("broken.jar", garbage);
        deploy.awaitScan();

        // File Install alone logs nothing here; dev.trellis.deploy's UnusableJarReporter names file and reason.
        LogEntry entry = awaitProblemLogged("broken.jar");
        assertThat(describe(entry)).containsIgnoringCase("zip");
        assertThat(deploy.bundleFrom("broken.jar")).isEmpty();
        assertUndisturbed();
    }

    @Test
    void unresolvableBundleIsReportedAndDisturbsNothing() throws Exception {
        deploy.put("unresolvable.jar", Jars.manifestOnly(Map.of(
                Constants.BUNDLE_MANIFESTVERSION, "2",
                Constants.BUNDLE_SYMBOLICNAME, "dev.trellis.itest.unresolvable",
                Constants.BUNDLE_VERSION, "1.0.0",
                Constants.IMPORT_PACKAGE, "does.not.exist")));

        LogEntry entry = awaitProblemLogged("unresolvable.jar");
        assertThat(describe(entry)).contains("missing requirement").contains("does.not.exist");
        assertThat(deploy.bundleFrom("unresolvable.jar")).hasValueSatisfying(
                b -> assertThat(b.getState()).as("installed, not resolved").isEqualTo(Bundle.INSTALLED));
        assertUndisturbed();
    }

    @Test
    void configFileWithBadTypedValueIsReportedAndNotApplied() throws Exception {
        // Felix .config syntax: I"..." is an Integer, so "many" cannot be read.
        String file = HELLO_PID + ".config";
        config.put(file, "greeting=\"Howdy\"\nretries=I\"many\"\n".getBytes(StandardCharsets.ISO_8859_1));

        LogEntry entry = awaitProblemLogged(file);
        assertThat(describe(entry)).contains("\"many\"");
        assertThat(cm.listConfigurations("(service.pid=" + HELLO_PID + ")")).as("nothing applied").isNull();
        assertUndisturbed();
    }

    @Test
    void cfgFileWithBadEscapeIsReportedAndNotApplied() throws Exception {
        String file = HELLO_PID + ".cfg";
        config.put(file, "greeting=Howdy \\u00zz\n".getBytes(StandardCharsets.ISO_8859_1));

        LogEntry entry = awaitProblemLogged(file);
        assertThat(describe(entry)).contains("unicode").contains("00zz");
        assertThat(cm.listConfigurations("(service.pid=" + HELLO_PID + ")")).as("nothing applied").isNull();
        assertUndisturbed();
    }

    @Test
    void brokenEditOfAnAppliedCfgFileIsReportedAndTheLastGoodConfigStays() throws Exception {
        String file = HELLO_PID + ".cfg";
        config.put(file, "greeting=Howdy\n".getBytes(StandardCharsets.ISO_8859_1));
        await("config from " + file + " applied").atMost(TIMEOUT).untilAsserted(() -> {
            Tool tool = hello.getService();
            assertThat(tool).isNotNull();
            assertThat(tool.invoke(HelloPlugin.GREET_ADA)).isEqualTo(ToolResult.ok("Howdy, Ada!"));
        });
        helloServiceId = hello.getServiceReference().getProperty(Constants.SERVICE_ID);

        config.put(file, "greeting=Hi \\u00zz\n".getBytes(StandardCharsets.ISO_8859_1));

        LogEntry entry = awaitProblemLogged(file);
        assertThat(describe(entry)).contains("unicode").contains("00zz");
        assertThat(hello.getServiceReference().getProperty(Constants.SERVICE_ID))
                .as("hello not re-activated by the broken edit").isEqualTo(helloServiceId);
        assertThat(hello.getService().invoke(HelloPlugin.GREET_ADA)).isEqualTo(ToolResult.ok("Howdy, Ada!"));
    }

    @Test
    void configFileWithUnterminatedQuoteIsReported() throws Exception {
        // File Install applies such a file as plain properties (the value becomes '"unterminated') and logs
        // nothing; dev.trellis.deploy's ConfigFileChecker reports file, line and key. The file targets a PID of
        // its own: what must stay undisturbed is everything else.
        String file = "dev.trellis.itest.broken.config";
        config.put(file, "# first line is a comment\ngreeting=\"unterminated\n".getBytes(StandardCharsets.ISO_8859_1));

        LogEntry entry = awaitProblemLogged(file);
        assertThat(describe(entry)).containsIgnoringCase("quote").contains("line 2").contains("'greeting'");
        assertUndisturbed();
    }

    /** Waits for a WARN or ERROR entry whose message names {@code fileName}. */
    private LogEntry awaitProblemLogged(String fileName) {
        return await("WARN/ERROR log entry naming " + fileName).atMost(TIMEOUT)
                .until(() -> log.stream()
                        .filter(e -> e.getLogLevel() == LogLevel.WARN || e.getLogLevel() == LogLevel.ERROR)
                        .filter(e -> e.getMessage() != null && e.getMessage().contains(fileName))
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** Message plus the messages of the exception chain: what a reader of the log line sees. */
    private static String describe(LogEntry entry) {
        StringBuilder text = new StringBuilder(entry.getMessage());
        for (Throwable t = entry.getException(); t != null; t = t.getCause()) {
            text.append(" | ").append(t);
        }
        return text.toString();
    }

    private void assertUndisturbed() {
        assertThat(ctx.getBundle(0).getState()).as("framework").isEqualTo(Bundle.ACTIVE);
        assertThat(helloBundle.getState()).as("hello bundle").isEqualTo(Bundle.ACTIVE);
        assertThat(hello.getServiceReference().getProperty(Constants.SERVICE_ID))
                .as("hello service not re-registered").isEqualTo(helloServiceId);
        assertThat(hello.getService().invoke(HelloPlugin.GREET_ADA)).isEqualTo(ToolResult.ok("Hello, Ada!"));
        String deployDir = deploy.dir().toUri().getPath();
        List<String> notActive = Arrays.stream(ctx.getBundles())
                .filter(b -> !b.getLocation().contains(deployDir))
                .filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                .filter(b -> b.getState() != Bundle.ACTIVE)
                .map(b -> b.getSymbolicName() + " (state " + b.getState() + ")")
                .toList();
        assertThat(notActive).as("host bundles not ACTIVE").isEmpty();
    }
}
