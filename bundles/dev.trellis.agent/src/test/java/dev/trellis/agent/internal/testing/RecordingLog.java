package dev.trellis.agent.internal.testing;

import dev.trellis.agent.internal.turn.Log;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every line, prefixed with its level. */
public final class RecordingLog implements Log {

    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void error(String message, Throwable cause) {
        lines.add("ERROR " + message + (cause == null ? "" : " (" + cause + ")"));
    }
}
