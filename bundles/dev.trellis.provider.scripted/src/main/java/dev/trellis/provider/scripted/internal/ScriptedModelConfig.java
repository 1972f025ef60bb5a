package dev.trellis.provider.scripted.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype of the factory configurations the provider reads itself ({@link ScriptedProvider#FACTORY_PID}); the
 * {@code factoryPid} here makes bnd write the Designate without a component of its own.
 */
@ObjectClassDefinition(name = "Trellis scripted model", factoryPid = ScriptedProvider.FACTORY_PID,
        description = "One scripted model, scripted/<name>, defined inline as YAML or JSON.")
@interface ScriptedModelConfig {

    @AttributeDefinition(name = "Name", required = false,
            description = "The model name (scripted/<name>). Empty: the configuration's name, e.g. 'demo' for"
                    + " runtime-config/dev.trellis.provider.scripted.model-demo.cfg.")
    String name() default "";

    @AttributeDefinition(name = "Script",
            description = "The model as YAML or JSON: {turns: [...]} or just the list of turns (format in the bundle"
                    + " README). In a .cfg file write it on one line, starting with 'turns:' (File Install reads a .cfg"
                    + " value that starts with [ or { as a typed array and drops it), e.g. turns: [[{say: hello}]].")
    String script();
}
