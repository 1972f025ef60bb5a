package dev.trellis.console.internal.log;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Relays the OSGi log to stdout (warnings, errors, FileInstall activity) and keeps the last
 * {@value #CAPACITY} warnings and errors for the Trellis console page.
 *
 * <p>Entries logged before this component started (the log service keeps a history) are replayed once, so
 * problems of bundles that started earlier are not lost.
 */
@Component(service = RecentProblems.class)
public final class RecentProblems implements LogListener {

    static final int CAPACITY = 50;

    private final LogReaderService reader;
    private final PrintStream out;
    private final Deque<Problem> ring = new ArrayDeque<>(CAPACITY);
    // Lowest sequence number delivered live; history entries at or above it were already seen.
    private final AtomicLong firstLiveSequence = new AtomicLong(Long.MAX_VALUE);

    @Activate
    public RecentProblems(@Reference LogReaderService reader) {
        this(reader, System.out);
    }

    RecentProblems(LogReaderService reader, PrintStream out) {
        this.reader = reader;
        this.out = out;
        reader.addLogListener(this);
        replayHistory();
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    private void replayHistory() {
        // getLog() is newest first; replay oldest first so stdout and the ring keep time order.
        List<LogEntry> history = Collections.list(reader.getLog());
        Collections.reverse(history);
        long live = firstLiveSequence.get();
        for (LogEntry e : history) {
            if (e.getSequence() < live) {
                accept(e);
            }
        }
    }

    @Override
    public void logged(LogEntry entry) {
        firstLiveSequence.accumulateAndGet(entry.getSequence(), Math::min);
        accept(entry);
    }

    private void accept(LogEntry entry) {
        String bsn = entry.getBundle() == null ? null : entry.getBundle().getSymbolicName();
        boolean print = ProblemFormat.printed(entry.getLogLevel(), bsn, entry.getLoggerName());
        boolean keep = ProblemFormat.problem(entry.getLogLevel());
        if (!print && !keep) {
            return;
        }
        Problem p = ProblemFormat.toProblem(entry);
        if (print) {
            out.println(ProblemFormat.line(p));
            out.flush();
        }
        if (keep) {
            synchronized (ring) {
                if (ring.size() == CAPACITY) {
                    ring.removeFirst();
                }
                ring.addLast(p);
            }
        }
    }

    /** The kept warnings and errors, newest first. */
    public List<Problem> newestFirst() {
        synchronized (ring) {
            List<Problem> copy = new ArrayList<>(ring);
            Collections.reverse(copy);
            return copy;
        }
    }
}
