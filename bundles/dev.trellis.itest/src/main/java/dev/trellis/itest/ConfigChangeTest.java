package dev.trellis.itest;

import static dev.trellis.itest.WatchedDir.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolResult;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The hello plugin's greeting (PID {@value #PID}, property {@code greeting}) follows its configuration,
 * set through ConfigAdmin or through a .cfg file in a File Install config directory.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class ConfigChangeTest {

    static final String PID = HelloPlugin.PID;

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    @InjectService(filter = "(" + Tool.NAME + "=hello)", cardinality = 0)
    ServiceAware<Tool> hello;

    WatchedDir deploy;
    WatchedDir config;

    @BeforeEach
    void deployHello() throws Exception {
        assertThat(cm.listConfigurations("(service.pid=" + PID + ")")).as("no hello config left over").isNull();
        deploy = WatchedDir.start(ctx, cm, "deploy");
        config = WatchedDir.start(ctx, cm, "config");
        deploy.putCopy("hello.jar", Jars.helloJar(ctx));
        deploy.awaitActiveBundle("hello.jar");
        awaitGreeting("Hello, Ada!");
    }

    @AfterEach
    void cleanUp() throws Exception {
        Configuration[] left = cm.listConfigurations("(service.pid=" + PID + ")");
        if (left != null) {
            for (Configuration c : left) {
                c.delete();
            }
        }
        config.close();
        deploy.close();
    }

    @Test
    void configAdminUpdateChangesTheGreetingAndDeleteRestoresTheDefault() throws Exception {
        Configuration c = cm.getConfiguration(PID, "?");
        c.update(greeting("Howdy"));
        awaitGreeting("Howdy, Ada!");

        c.update(greeting("Good day"));
        awaitGreeting("Good day, Ada!");

        c.delete();
        awaitGreeting("Hello, Ada!");
    }

    @Test
    void cfgFileChangesTheGreetingEditsApplyAndDeletingItRestoresTheDefault() throws Exception {
        config.put(PID + ".cfg", "greeting=Bonjour\n".getBytes(StandardCharsets.ISO_8859_1));
        awaitGreeting("Bonjour, Ada!");
        Configuration applied = cm.listConfigurations("(service.pid=" + PID + ")")[0];
        assertThat(applied.getProperties().get(WatchedDir.FILENAME_PROPERTY).toString())
                .as("config created from the file").endsWith("/" + PID + ".cfg");

        config.put(PID + ".cfg", "# edited\ngreeting=Hola\n".getBytes(StandardCharsets.ISO_8859_1));
        awaitGreeting("Hola, Ada!");

        config.delete(PID + ".cfg");
        awaitGreeting("Hello, Ada!");
        assertThat(cm.listConfigurations("(service.pid=" + PID + ")")).as("config removed with its file").isNull();
    }

    private static Dictionary<String, Object> greeting(String value) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("greeting", value);
        return props;
    }

    /** The component is re-activated on each change, so ask the tracker for the current service every time. */
    private void awaitGreeting(String expected) {
        await("hello tool answers '" + expected + "'").atMost(TIMEOUT).untilAsserted(() -> {
            Tool tool = hello.getService();
            assertThat(tool).isNotNull();
            assertThat(tool.invoke(HelloPlugin.GREET_ADA)).isEqualTo(ToolResult.ok(expected));
        });
    }
}
