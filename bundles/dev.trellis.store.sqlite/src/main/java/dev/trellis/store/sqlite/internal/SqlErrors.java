package dev.trellis.store.sqlite.internal;

import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreException.Reason;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns driver exceptions into {@link StoreException}s that say where and what. */
final class SqlErrors {

    // primary SQLite result codes (extended codes carry them in the low byte)
    private static final int SQLITE_ERROR = 1;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_NOTADB = 26;

    // sqlite-jdbc messages look like "[SQLITE_ERROR] SQL error or missing database (fts5: syntax error near "AND")"
    private static final Pattern DETAIL = Pattern.compile("\\((.*)\\)\\s*$", Pattern.DOTALL);

    private SqlErrors() {
    }

    /** The engine's own text without the driver's generic prefix. */
    static String detail(SQLException e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = DETAIL.matcher(message);
        return m.find() ? m.group(1) : message;
    }

    static StoreException translate(Path file, String what, SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        Reason reason = switch (primary) {
            case SQLITE_BUSY, SQLITE_LOCKED -> Reason.BUSY;
            case SQLITE_CONSTRAINT -> Reason.CONSTRAINT;
            case SQLITE_CORRUPT, SQLITE_NOTADB -> Reason.CORRUPT;
            default -> Reason.UNAVAILABLE;
        };
        return new StoreException(reason, "store " + file + ": " + what + ": " + detail(e), e);
    }

    /**
     * A failure of a MATCH statement. SQLITE_ERROR there means the engine rejected the query text
     * (syntax, unknown column filter); anything else is an ordinary store failure.
     */
    static StoreException translateSearch(Path file, String query, SQLException e) {
        if ((e.getErrorCode() & 0xff) != SQLITE_ERROR) {
            return translate(file, "search '" + query + "'", e);
        }
        return new StoreException(Reason.BAD_QUERY, "search query '" + query + "' is not valid full-text syntax: "
                + explain(detail(e)) + ". Use words, \"quoted phrases\", prefix*, and AND/OR/NOT between terms;"
                + " quote words that contain punctuation", e);
    }

    private static String explain(String detail) {
        if (detail.equals("fts5: syntax error near \"\"")) {
            return "it ends too early (a dangling AND/OR/NOT or an unclosed parenthesis)";
        }
        if (detail.startsWith("fts5: syntax error near ")) {
            return "unexpected " + detail.substring("fts5: syntax error near ".length());
        }
        if (detail.equals("unterminated string")) {
            return "a '\"' is not closed";
        }
        if (detail.startsWith("no such column: ")) {
            return "'" + detail.substring("no such column: ".length())
                    + ":' reads as a column filter and there is no such column";
        }
        if (detail.startsWith("unknown special query")) {
            return "a bare '*' is not a term";
        }
        return detail;
    }
}
