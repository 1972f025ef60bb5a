package dev.trellis.example.hello;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis example: hello tool", description = "Greets a name given by the model")
@interface HelloConfig {
    @AttributeDefinition(name = "Greeting", description = "Word put before the name, e.g. 'Hello' or 'Howdy'")
    String greeting() default "Hello";
}
