package dev.trellis.itest;

import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Base of the agent and messaging tests: per test a fresh agent (a factory configuration
 * {@code dev.trellis.agent~<unique name>}) answered by a registered {@link AgentFixtures.TestGateway};
 * both are removed after the test.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
abstract class AgentItest {

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    @InjectService(timeout = 10_000)
    AgentRuntime runtime;

    final String name;
    final AgentId id;
    final AgentFixtures.TestGateway gateway = new AgentFixtures.TestGateway();
    Configuration config;

    AgentItest(String prefix) {
        name = AgentFixtures.uniqueAgent(prefix);
        id = AgentId.of(name);
    }

    /** The agent's configuration properties. */
    abstract Map<String, Object> agentConfig();

    @BeforeEach
    void startAgent() throws Exception {
        gateway.register(ctx);
        config = AgentFixtures.agent(cm, name, agentConfig());
        AgentFixtures.awaitAgent(runtime, name);
    }

    @AfterEach
    void stopAgent() throws Exception {
        if (config != null) {
            config.delete();
        }
        gateway.unregister();
    }
}
