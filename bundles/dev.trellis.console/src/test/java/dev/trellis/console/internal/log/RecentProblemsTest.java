package dev.trellis.console.internal.log;

import static dev.trellis.console.testing.Fakes.fake;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

class RecentProblemsTest {

    private final List<LogListener> listeners = new ArrayList<>();
    private final List<LogEntry> history = new ArrayList<>(); // newest first, like LogReaderService.getLog()
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final LogReaderService reader = fake(LogReaderService.class, Map.of(
            "addLogListener", a -> listeners.add((LogListener) a[0]),
            "removeLogListener", a -> listeners.remove((LogListener) a[0]),
            "getLog", a -> Collections.enumeration(history)));
    private long sequence;

    private LogEntry entry(LogLevel level, String bsn, String message, Throwable t) {
        return entry(level, bsn, bsn, message, t);
    }

    private LogEntry entry(LogLevel level, String bsn, String logger, String message, Throwable t) {
        Bundle bundle = fake(Bundle.class, Map.of("getSymbolicName", a -> bsn));
        long seq = sequence++;
        return fake(LogEntry.class, Map.of(
                "getSequence", a -> seq,
                "getLogLevel", a -> level,
                "getLoggerName", a -> logger,
                "getBundle", a -> bundle,
                "getTime", a -> 1_700_000_000_000L + seq,
                "getMessage", a -> message,
                "getException", a -> t));
    }

    private RecentProblems start() {
        return new RecentProblems(reader, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsWarningsErrorsAndFileInstallInfoOnly() {
        RecentProblems problems = start();
        LogListener l = listeners.get(0);

        l.logged(entry(LogLevel.ERROR, "dev.trellis.x", "boom", new IllegalStateException("bad\nsecond line",
                new java.lang.reflect.InvocationTargetException(new java.io.IOException("disk full")))));
        l.logged(entry(LogLevel.WARN, "dev.trellis.y", "careful", null));
        l.logged(entry(LogLevel.INFO, "org.apache.felix.fileinstall", "Installing bundle x / 1.0", null));
        l.logged(entry(LogLevel.INFO, "dev.trellis.y", "chatty info", null));
        l.logged(entry(LogLevel.INFO, "org.apache.felix.fileinstall", "Events.Service", "ServiceEvent REGISTERED", null));
        l.logged(entry(LogLevel.DEBUG, "org.apache.felix.fileinstall", "debug", null));

        assertThat(stdout())
                .contains("ERROR [dev.trellis.x] boom")
                .contains("    ! java.lang.IllegalStateException: bad")
                .doesNotContain("second line")
                .contains("    ! caused by java.io.IOException: disk full")
                .contains("WARN  [dev.trellis.y] careful")
                .contains("INFO  [org.apache.felix.fileinstall] Installing bundle x / 1.0")
                .doesNotContain("chatty info").doesNotContain("ServiceEvent").doesNotContain("debug");
        assertThat(problems.newestFirst()).extracting(Problem::message).containsExactly("careful", "boom");
        assertThat(problems.newestFirst().get(1).exception()).isEqualTo("java.lang.IllegalStateException: bad");
        assertThat(problems.newestFirst().get(1).cause()).isEqualTo("java.io.IOException: disk full");
        assertThat(problems.newestFirst().get(0).cause()).isNull();
    }

    @Test
    void ringKeepsOnlyTheNewest() {
        RecentProblems problems = start();
        for (int i = 0; i < RecentProblems.CAPACITY + 7; i++) {
            listeners.get(0).logged(entry(LogLevel.WARN, "b", "w" + i, null));
        }

        List<Problem> kept = problems.newestFirst();
        assertThat(kept).hasSize(RecentProblems.CAPACITY);
        assertThat(kept.get(0).message()).isEqualTo("w" + (RecentProblems.CAPACITY + 6));
        assertThat(kept.get(kept.size() - 1).message()).isEqualTo("w7");
    }

    @Test
    void replaysEarlierHistoryOldestFirst() {
        LogEntry older = entry(LogLevel.ERROR, "early.bundle", "failed before console", null);
        LogEntry newer = entry(LogLevel.WARN, "early.bundle", "then this", null);
        history.add(newer);
        history.add(older);

        RecentProblems problems = start();

        assertThat(problems.newestFirst()).extracting(Problem::message)
                .containsExactly("then this", "failed before console");
        assertThat(stdout().indexOf("failed before console")).isLessThan(stdout().indexOf("then this"));
    }

    @Test
    void deactivateRemovesTheListener() {
        RecentProblems problems = start();
        assertThat(listeners).hasSize(1);

        problems.deactivate();

        assertThat(listeners).isEmpty();
    }
}
