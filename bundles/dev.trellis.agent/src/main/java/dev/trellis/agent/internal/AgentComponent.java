package dev.trellis.agent.internal;

import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One component per agent configuration (factory PID {@value #FACTORY_PID}): DS activates it when a
 * configuration appears (a {@code runtime-config/dev.trellis.agent-<name>.config} file, the console
 * form), calls {@code modified} when it changes and deactivates it when it is deleted; each step is
 * handed to the engine, which applies changes from the agent's next turn.
 */
@Component(service = {}, configurationPid = AgentComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AgentConfig.class, factory = true)
public final class AgentComponent {

    static final String FACTORY_PID = "dev.trellis.agent";

    private final AgentEngine engine;
    private final String pid;

    @Activate
    public AgentComponent(@Reference AgentEngine engine, Map<String, Object> props) {
        this.engine = engine;
        this.pid = String.valueOf(props.get(Constants.SERVICE_PID));
        engine.define(pid, props);
    }

    @Modified
    void modified(Map<String, Object> props) {
        engine.define(pid, props);
    }

    @Deactivate
    void deactivate() {
        engine.remove(pid);
    }
}
