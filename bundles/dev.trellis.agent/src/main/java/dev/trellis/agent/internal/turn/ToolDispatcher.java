package dev.trellis.agent.internal.turn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.model.ContentPart;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Runs the model's tool calls. Whatever goes wrong becomes an error result the model reads, never a
 * failed turn: an unknown tool, arguments that are not a JSON object, a tool that throws, returns
 * null or runs past the timeout (its thread is interrupted and the call abandoned).
 */
public final class ToolDispatcher {

    /** Longest argument text quoted back to the model in an error. */
    static final int QUOTE_CHARS = 200;

    private final ExecutorService executor;

    public ToolDispatcher(ExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The call's arguments as the tool receives them: empty text counts as {@code {}}. */
    static String arguments(ContentPart.ToolCall call) {
        return call.argumentsJson().isBlank() ? "{}" : call.argumentsJson();
    }

    /** Empty if the arguments are a JSON object, else the error the model gets. */
    static Optional<String> argumentsProblem(ContentPart.ToolCall call) {
        String args = arguments(call);
        JsonNode node;
        try {
            node = Parts.JSON.readTree(args);
        } catch (JsonProcessingException e) {
            return Optional.of("the arguments of " + call.name() + " are not valid JSON (" + e.getOriginalMessage()
                    + "): " + quote(args) + ". Call it again with a JSON object.");
        }
        if (node == null || !node.isObject()) {
            return Optional.of("the arguments of " + call.name() + " must be a JSON object, got " + quote(args) + ".");
        }
        return Optional.empty();
    }

    /**
     * Runs one call.
     *
     * @param tool    the tool offered to the agent under the call's name, or empty if none is
     * @param offered names of the tools offered (for the unknown-tool message)
     */
    public ToolResult run(Optional<ToolBoard.Entry> tool, List<String> offered, ContentPart.ToolCall call, String agentId,
            ScopeBinding binding, Duration timeout) {
        if (tool.isEmpty()) {
            return ToolResult.failure("there is no tool '" + call.name() + "'. Tools you can call: "
                    + (offered.isEmpty() ? "none" : offered.stream().collect(Collectors.joining(", "))) + ".");
        }
        Optional<String> problem = argumentsProblem(call);
        if (problem.isPresent()) {
            return ToolResult.failure(problem.get());
        }
        ToolCall toolCall = new ToolCall(call.callId(), agentId, arguments(call), Optional.of(binding));
        Future<ToolResult> f = executor.submit(() -> tool.get().tool().invoke(toolCall));
        try {
            ToolResult r = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return r != null ? r : ToolResult.failure("tool " + call.name() + " returned no result.");
        } catch (TimeoutException e) {
            f.cancel(true);
            return ToolResult.failure("tool " + call.name() + " did not finish within " + timeout.toMillis()
                    + " ms; the call was abandoned.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return ToolResult.failure("tool " + call.name() + " failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return ToolResult.failure("tool " + call.name() + " was interrupted: the turn is being stopped.");
        }
    }

    static String quote(String args) {
        return args.length() <= QUOTE_CHARS ? args : args.substring(0, QUOTE_CHARS) + "… (" + (args.length() - QUOTE_CHARS)
                + " more chars)";
    }
}
