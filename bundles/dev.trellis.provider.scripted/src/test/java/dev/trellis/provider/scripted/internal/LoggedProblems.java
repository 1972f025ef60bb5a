package dev.trellis.provider.scripted.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the catalog and provider report. */
final class LoggedProblems implements Problems {

    final List<String> warnings = new CopyOnWriteArrayList<>();
    final List<String> infos = new CopyOnWriteArrayList<>();

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void info(String message) {
        infos.add(message);
    }
}
