package dev.trellis.console.internal.providers;

import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamListener;
import dev.trellis.console.internal.page.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Turns a "try it" stream into lines of JSON (one object per line) for the page's script, handed from the
 * gateway's thread to the servlet's through a queue. Text, thinking and tool calls are also collected for
 * the no-JavaScript answer.
 */
final class TryStream implements StreamListener {

    /** The last line of every stream: {@code stop} or {@code error}. */
    record Line(String json, boolean last) {
    }

    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private final Map<Integer, String[]> calls = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder();
    private volatile String end = "";
    private volatile boolean failed;

    @Override
    public void onEvent(StreamEvent event) {
        switch (event) {
            case StreamEvent.TextDelta t -> {
                text.append(t.text());
                lines.add(new Line("{\"type\":\"text\",\"text\":" + Json.str(t.text()) + "}", false));
            }
            case StreamEvent.ThinkingDelta t -> {
                text.append("[thinking] ").append(t.text());
                lines.add(new Line("{\"type\":\"thinking\",\"text\":" + Json.str(t.text()) + "}", false));
            }
            case StreamEvent.ToolCallStart s -> calls.put(s.index(), new String[] {s.name(), ""});
            case StreamEvent.ToolCallDelta d -> calls.computeIfPresent(d.index(),
                    (i, c) -> new String[] {c[0], c[1] + d.argumentsFragment()});
            case StreamEvent.ToolCallEnd e -> {
                String[] c = calls.remove(e.index());
                if (c != null) {
                    text.append("\n[tool call ").append(c[0]).append(' ').append(c[1]).append("]\n");
                    lines.add(new Line("{\"type\":\"tool\",\"name\":" + Json.str(c[0]) + ",\"arguments\":" + Json.str(c[1])
                            + "}", false));
                }
            }
            case StreamEvent.Usage u -> lines.add(new Line("{\"type\":\"usage\",\"input\":" + u.inputTokens()
                    + ",\"output\":" + u.outputTokens() + "}", false));
            case StreamEvent.Stop s -> {
                end = s.reason().id();
                lines.add(new Line("{\"type\":\"stop\",\"reason\":" + Json.str(s.reason().id()) + "}", true));
            }
        }
    }

    @Override
    public void onError(ModelException error) {
        failed = true;
        end = error.getMessage();
        lines.add(new Line("{\"type\":\"error\",\"kind\":" + Json.str(error.error().getClass().getSimpleName())
                + ",\"message\":" + Json.str(error.getMessage()) + "}", true));
    }

    /** The next line, or null if none came within {@code max}. */
    Line next(Duration max) throws InterruptedException {
        return lines.poll(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the end (bounded) and sums it up. */
    TryOutcome outcome(String model, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Line l = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (l == null) {
                return new TryOutcome(model, text.toString(), "no answer within " + max.toSeconds() + " s; cancelled", true);
            }
            if (l.last()) {
                return new TryOutcome(model, text.toString(), end, failed);
            }
        }
    }
}
