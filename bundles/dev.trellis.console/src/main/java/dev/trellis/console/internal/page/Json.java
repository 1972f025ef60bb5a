package dev.trellis.console.internal.page;

import dev.trellis.console.internal.log.Problem;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes the page's JSON. A few dozen lines of escaping instead of Jackson keeps the console bundle free of
 * runtime dependencies beyond the Web Console itself.
 */
public final class Json {

    private Json() {
    }

    static String page(List<BundleRow> rows, List<Problem> problems) {
        StringBuilder sb = new StringBuilder(1024).append("{\"bundles\":[");
        for (int i = 0; i < rows.size(); i++) {
            BundleRow r = rows.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"id\":").append(r.id())
                    .append(",\"bsn\":").append(str(r.bsn()))
                    .append(",\"state\":").append(str(r.state()))
                    .append(",\"version\":").append(str(r.version()))
                    .append(",\"provides\":").append(strings(r.provides()))
                    .append(",\"uses\":").append(strings(r.uses())).append('}');
        }
        sb.append("],\"problems\":[");
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"time\":").append(str(DateTimeFormatter.ISO_INSTANT.format(p.time())))
                    .append(",\"level\":").append(str(p.level()))
                    .append(",\"bundle\":").append(str(p.bundle()))
                    .append(",\"message\":").append(str(p.message()))
                    .append(",\"exception\":").append(str(p.exception()))
                    .append(",\"cause\":").append(str(p.cause())).append('}');
        }
        return sb.append("]}").toString();
    }

    public static String strings(List<String> values) {
        StringBuilder sb = new StringBuilder().append('[');
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(str(values.get(i)));
        }
        return sb.append(']').toString();
    }

    /** A JSON string literal (or null); escapes quotes, backslashes, controls and the HTML-significant {@code <>&}. */
    public static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    // Controls must be escaped; <, > and & too, so the JSON is safe even if sniffed as HTML;
                    // U+2028/2029 break JavaScript string literals.
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
