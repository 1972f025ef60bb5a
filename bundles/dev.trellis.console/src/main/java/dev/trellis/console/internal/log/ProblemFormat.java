package dev.trellis.console.internal.log;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

/** Turns OSGi log entries into {@link Problem}s and lines for stdout; decides which entries are shown. */
final class ProblemFormat {

    static final String FILEINSTALL = "org.apache.felix.fileinstall";
    static final String DEPLOY = "dev.trellis.deploy";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private ProblemFormat() {
    }

    /**
     * Printed: AUDIT, ERROR and WARN from everyone; INFO from FileInstall and dev.trellis.deploy so bundle
     * installs, updates and removals show (not the framework's "Events.*" entries about their services).
     */
    static boolean printed(LogLevel level, String bundle, String loggerName) {
        return switch (level) {
            case AUDIT, ERROR, WARN -> true;
            case INFO -> (FILEINSTALL.equals(bundle) || DEPLOY.equals(bundle))
                    && (loggerName == null || !loggerName.startsWith("Events."));
            case DEBUG, TRACE -> false;
        };
    }

    /** Kept for the Trellis page: ERROR and WARN only. */
    static boolean problem(LogLevel level) {
        return level == LogLevel.ERROR || level == LogLevel.WARN;
    }

    static Problem toProblem(LogEntry e) {
        String bsn = e.getBundle() == null || e.getBundle().getSymbolicName() == null
                ? "-" : e.getBundle().getSymbolicName();
        Throwable t = e.getException();
        Throwable root = t;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new Problem(java.time.Instant.ofEpochMilli(e.getTime()), e.getLogLevel().name(), bsn,
                String.valueOf(e.getMessage()), describe(t), root == t ? null : describe(root));
    }

    static String line(Problem p) {
        StringBuilder sb = new StringBuilder(128)
                .append(TIME.format(p.time())).append(' ')
                .append(String.format("%-5s", p.level())).append(" [").append(p.bundle()).append("] ")
                .append(p.message());
        if (p.exception() != null) {
            sb.append(System.lineSeparator()).append("    ! ").append(p.exception());
        }
        if (p.cause() != null) {
            sb.append(System.lineSeparator()).append("    ! caused by ").append(p.cause());
        }
        return sb.toString();
    }

    /** {@code Class: message}, first line only; Felix Log's serializable stand-in is unwrapped to the original's. */
    static String describe(Throwable t) {
        if (t == null) {
            return null;
        }
        // org.apache.felix.log.LogException carries "OriginalClass: message" as its message.
        String text = t.getClass().getName().equals("org.apache.felix.log.LogException")
                ? String.valueOf(t.getMessage()) : t.toString();
        return firstLine(text);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).stripTrailing();
    }
}
