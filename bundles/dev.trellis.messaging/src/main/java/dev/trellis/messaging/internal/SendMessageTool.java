package dev.trellis.messaging.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.messaging.Delivery;
import dev.trellis.api.messaging.MessageAuthor;
import dev.trellis.api.messaging.MessagingException;
import dev.trellis.api.messaging.Recipient;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolDescriptor;
import dev.trellis.api.tool.ToolResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code send_message} tool: an agent sends a message to another agent, a group or a channel. The
 * author is the calling agent ({@code ToolCall.agentId}, set by the agent runtime), never an argument.
 */
@Component(service = Tool.class, immediate = true, property = Tool.NAME + "=" + SendMessageTool.NAME)
public final class SendMessageTool implements Tool {

    static final String NAME = "send_message";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(NAME,
            "Sends a message to another agent (agent:<id>), to every agent of a group (group:<id>) or out through a"
                    + " channel (channel:<name>, e.g. a chat service or a mail box). An agent gets it at once if idle,"
                    + " else after its current turn.",
            "{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"string\",\"description\":"
                    + "\"agent:<id>, group:<id> or channel:<name>\"},\"body\":{\"type\":\"string\",\"description\":"
                    + "\"the message text\"}},\"required\":[\"to\",\"body\"],\"additionalProperties\":false}",
            CapabilityClass.COORDINATE);

    private final Router router;

    @Activate
    public SendMessageTool(@Reference Router router) {
        this.router = router;
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        JsonNode args;
        try {
            args = JSON.readTree(call.arguments());
        } catch (JsonProcessingException e) {
            return ToolResult.failure(NAME + ": arguments are not valid JSON: " + e.getOriginalMessage());
        }
        if (args == null || !args.path("to").isTextual() || !args.path("body").isTextual()) {
            return ToolResult.failure(NAME + ": needs the string arguments 'to' and 'body'");
        }
        Recipient to;
        AgentId sender;
        try {
            to = Recipient.parse(args.get("to").textValue().strip());
            sender = AgentId.of(call.agentId());
        } catch (IllegalArgumentException e) {
            return ToolResult.failure(NAME + ": " + e.getMessage());
        }
        if (to instanceof Recipient.Agent a && a.id().equals(sender)) {
            return ToolResult.failure(NAME + ": you cannot send a message to yourself; write it to your memory instead");
        }
        try {
            Delivery d = router.send(new MessageAuthor.Agent(sender), to, args.get("body").textValue());
            return ToolResult.ok(switch (d.outcome()) {
                case TURN_STARTED -> "sent to " + to.format() + " (message " + d.messageId() + "); "
                        + (to instanceof Recipient.Group ? "members that were idle started a turn" : "it started a turn");
                case QUEUED -> "sent to " + to.format() + " (message " + d.messageId() + "); queued: it is busy and gets it"
                        + " after its current turn";
                case DELIVERED_TO_CHANNEL -> "delivered to " + to.format() + " (message " + d.messageId() + ")";
            });
        } catch (MessagingException e) {
            return ToolResult.failure(NAME + ": " + e.getMessage());
        }
    }
}
