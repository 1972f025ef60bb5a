package dev.trellis.agent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis agent runtime", description = "Settings shared by all agents.")
@interface RuntimeConfig {

    @AttributeDefinition(name = "Default model", required = false,
            description = "provider/model used by agents that name none; empty: the model gateway's default"
                    + " (scripted/echo on a fresh host).")
    String default_model() default "";

    @AttributeDefinition(name = "Trusted bundles", cardinality = 100,
            description = "Symbolic names of the host surfaces that may name the author of an input (the console"
                    + " as a person, the shell, host messaging for plugins and agents). Every other bundle's input"
                    + " is authored by the bundle itself.")
    String[] trusted_bundles() default {"dev.trellis.console", "dev.trellis.shell", "dev.trellis.messaging"};

    @AttributeDefinition(name = "Stop timeout (ms)", min = "0",
            description = "When the runtime stops, running turns get this long to finish before they are cancelled.")
    long stop_timeout_ms() default 10000;

    @AttributeDefinition(name = "Provider retry (ms)", min = "100",
            description = "How long an agent whose model provider is missing waits before it tries again.")
    long provider_retry_ms() default 5000;
}
