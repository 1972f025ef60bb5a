package dev.trellis.example.hello;

import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.api.tool.ToolResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/** Greets the name in its {@code {"name": "..."}} argument. */
@Component(service = Tool.class, configurationPid = "dev.trellis.example.hello", property = Tool.NAME + "=hello")
@Designate(ocd = HelloConfig.class)
public final class HelloTool implements Tool {

    static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "hello",
            "Greets someone by name. Use it to say hello.",
            """
            {"type":"object","properties":{"name":{"type":"string","description":"who to greet"}},\
            "required":["name"],"additionalProperties":false}""",
            CapabilityClass.OBSERVE);

    // The example stays dependency-free; real tools parse arguments with Jackson.
    private static final Pattern NAME_ARG = Pattern.compile("\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String greeting;

    @Activate
    public HelloTool(HelloConfig config) {
        this.greeting = config.greeting();
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        Matcher m = NAME_ARG.matcher(call.arguments());
        if (!m.find() || m.group(1).isBlank()) {
            return ToolResult.failure("hello needs a non-empty string argument 'name', got: " + call.arguments());
        }
        return ToolResult.ok(greeting + ", " + m.group(1).replace("\\\"", "\"") + "!");
    }
}
