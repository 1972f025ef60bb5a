package dev.trellis.provider.scripted.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis scripted model",
        description = "One scripted model, scripted/<name>, defined inline as YAML or JSON.")
@interface ScriptedModelConfig {

    @AttributeDefinition(name = "Name", required = false,
            description = "The model name (scripted/<name>). Empty: the configuration's name, e.g. 'demo' for"
                    + " runtime-config/dev.trellis.provider.scripted.model-demo.cfg.")
    String name() default "";

    @AttributeDefinition(name = "Script",
            description = "The model as YAML or JSON: {turns: [...]} or just the list of turns (format in the bundle"
                    + " README). In a .cfg file write it on one line, e.g. [[{say: hello}]].")
    String script();
}
