package dev.trellis.itest;

import dev.trellis.api.tool.ToolCall;

/** Facts about the example hello plugin the tests deploy, configure and call. */
final class HelloPlugin {

    /** Its configuration PID (property {@code greeting}). */
    static final String PID = "dev.trellis.example.hello";

    /** A call of the hello tool; the answer is {@code "<greeting>, Ada!"}. */
    static final ToolCall GREET_ADA = new ToolCall("c1", "itest", "{\"name\": \"Ada\"}");

    private HelloPlugin() {}
}
