package dev.trellis.provider.scripted.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis scripted model provider",
        description = "Offline, deterministic models: scripted/echo and models played from YAML/JSON scripts.")
@interface ScriptedConfig {

    @AttributeDefinition(name = "Script files",
            description = "YAML or JSON files with 'models:' (format in the bundle README). Read in this order; the"
                    + " first definition of a model name wins. Relative paths are taken from the working directory;"
                    + " in runtime-config/*.cfg use ${trellis.config}/file.yaml.")
    String[] script_files() default {};

    @AttributeDefinition(name = "Watch interval (ms)", min = "0",
            description = "How often the script files are checked for changes; 0 = only when this configuration changes.")
    int script_poll_ms() default 1000;

    @AttributeDefinition(name = "Echo pause (ms)", min = "0",
            description = "Pause between the events of scripted/echo (0 = as fast as possible).")
    int echo_delay_ms() default 0;

    @AttributeDefinition(name = "Drain bound (ms)", min = "0",
            description = "When the provider stops (bundle update, uninstall), how long it lets running streams finish"
                    + " before it cancels them.")
    int drain_timeout_ms() default 20_000;
}
