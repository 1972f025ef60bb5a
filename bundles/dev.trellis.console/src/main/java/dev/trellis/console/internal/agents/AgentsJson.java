package dev.trellis.console.internal.agents;

import static dev.trellis.console.internal.page.Json.str;

import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentStatus;
import dev.trellis.api.agent.QueuedInput;
import dev.trellis.api.agent.TurnRecord;
import dev.trellis.api.model.StreamEvent;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** The JSON of the agents page: streamed events (Server-Sent Events data) and the status snapshot. */
final class AgentsJson {

    private AgentsJson() {
    }

    /** The SSE event name of an agent event. */
    static String name(AgentEvent e) {
        return switch (e) {
            case AgentEvent.TurnStarted s -> "turn-started";
            case AgentEvent.Text t -> "text";
            case AgentEvent.Thinking t -> "thinking";
            case AgentEvent.ToolCalled c -> "tool-called";
            case AgentEvent.ToolResult r -> "tool-result";
            case AgentEvent.TurnEnded x -> "turn-ended";
            case AgentEvent.TurnFailed x -> "turn-failed";
        };
    }

    /** The event as JSON; a started turn also carries who sent the input and what it was. */
    static String event(AgentEvent e, Optional<TurnRecord> started) {
        StringBuilder sb = new StringBuilder("{\"turnId\":").append(str(e.turnId()));
        switch (e) {
            case AgentEvent.TurnStarted s -> started.ifPresent(t -> sb.append(",\"author\":").append(str(t.author().render()))
                    .append(",\"input\":").append(str(t.input())));
            case AgentEvent.Text t -> sb.append(",\"delta\":").append(str(t.delta()));
            case AgentEvent.Thinking t -> sb.append(",\"delta\":").append(str(t.delta()));
            case AgentEvent.ToolCalled c -> sb.append(",\"callId\":").append(str(c.callId())).append(",\"name\":")
                    .append(str(c.toolName())).append(",\"arguments\":").append(str(c.argumentsJson()));
            case AgentEvent.ToolResult r -> sb.append(",\"callId\":").append(str(r.callId())).append(",\"content\":")
                    .append(str(r.content())).append(",\"error\":").append(r.error());
            case AgentEvent.TurnEnded x -> sb.append(",\"reason\":").append(str(x.reason().id())).append(",\"usage\":")
                    .append(usage(x.usage()));
            case AgentEvent.TurnFailed x -> sb.append(",\"message\":").append(str(x.message()));
        }
        return sb.append('}').toString();
    }

    static String usage(StreamEvent.Usage u) {
        return "{\"input\":" + u.inputTokens() + ",\"output\":" + u.outputTokens() + ",\"cacheRead\":" + u.cacheReadTokens()
                + ",\"cacheCreation\":" + u.cacheCreationTokens() + "}";
    }

    static String status(AgentStatus s, List<TurnRecord> turns, List<QueuedInput> queue) {
        StringBuilder sb = new StringBuilder("{\"agent\":").append(str(s.id().value())).append(",\"state\":")
                .append(str(s.state().name())).append(",\"queued\":").append(s.queued()).append(",\"problem\":")
                .append(str(s.problem().orElse(null))).append(",\"turns\":[");
        for (int i = 0; i < turns.size(); i++) {
            TurnRecord t = turns.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"turnId\":").append(str(t.turnId()))
                    .append(",\"author\":").append(str(t.author().render()))
                    .append(",\"input\":").append(str(t.input()))
                    .append(",\"startedAt\":").append(str(DateTimeFormatter.ISO_INSTANT.format(t.startedAt())))
                    .append(",\"millis\":").append(t.endedAt().map(end -> Long.toString(end.toEpochMilli() - t.startedAt().toEpochMilli()))
                            .orElse("null"))
                    .append(",\"outcome\":").append(str(AgentsHtml.outcome(t)))
                    .append(",\"failed\":").append(t.failure().isPresent())
                    .append(",\"modelCalls\":").append(t.modelCalls())
                    .append(",\"usage\":").append(usage(t.usage())).append('}');
        }
        sb.append("],\"queue\":[");
        for (int i = 0; i < queue.size(); i++) {
            QueuedInput q = queue.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"turnId\":").append(str(q.turnId())).append(",\"author\":")
                    .append(str(q.author().render())).append(",\"body\":").append(str(q.body())).append(",\"queuedAt\":")
                    .append(str(DateTimeFormatter.ISO_INSTANT.format(q.queuedAt()))).append('}');
        }
        return sb.append("]}").toString();
    }
}
