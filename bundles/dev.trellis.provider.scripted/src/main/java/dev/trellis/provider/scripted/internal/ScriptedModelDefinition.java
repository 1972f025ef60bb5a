package dev.trellis.provider.scripted.internal;

import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One factory configuration {@value #FACTORY_PID} = one scripted model, handed to the provider's catalog.
 *
 * <p>The model is forgotten only when the configuration is deleted or this component disabled. When the
 * bundle stops (update, uninstall) it is left in the catalog on purpose: the provider may still be
 * registered for a moment, and a request in that moment must find the model.
 */
@Component(service = {}, configurationPid = ScriptedModelDefinition.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ScriptedModelConfig.class, factory = true)
public final class ScriptedModelDefinition {

    static final String FACTORY_PID = "dev.trellis.provider.scripted.model";

    private final ScriptCatalog catalog;
    private final String pid;

    @Activate
    public ScriptedModelDefinition(@Reference ScriptCatalog catalog, ScriptedModelConfig config,
            Map<String, Object> properties) {
        this.catalog = catalog;
        this.pid = String.valueOf(properties.get(Constants.SERVICE_PID));
        define(config);
    }

    @Modified
    void modified(ScriptedModelConfig config) {
        define(config);
    }

    @Deactivate
    void deactivate(int reason) {
        if (reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED
                || reason == ComponentConstants.DEACTIVATION_REASON_DISABLED) {
            catalog.undefine(pid);
        }
    }

    private void define(ScriptedModelConfig config) {
        catalog.define(pid, modelName(config.name(), pid), config.script() == null ? "" : config.script());
    }

    /** The configured name, else the part of the PID after '~' (File Install's {@code <factoryPid>-<name>.cfg}). */
    static String modelName(String configured, String pid) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        int tilde = pid.indexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
    }
}
