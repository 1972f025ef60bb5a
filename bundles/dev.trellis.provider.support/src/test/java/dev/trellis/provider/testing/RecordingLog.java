package dev.trellis.provider.testing;

import dev.trellis.provider.support.Diagnostics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Keeps every log line (debug included), so tests can check that no secret is written. */
public final class RecordingLog implements Diagnostics {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void debug(Supplier<String> message) {
        lines.add("DEBUG " + message.get());
    }

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
