package dev.trellis.deploy.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
// File Install's own parser (copied in by bnd, see bnd.bnd): ConfigAdmin's org.apache.felix.cm.file parser
// rejects text File Install accepts (an '=' inside a quoted value, '\' line continuations)
import org.apache.felix.fileinstall.shaded.util.properties.ConfigurationHandler;

/**
 * Checks the text of a Felix typed {@code .config} file ({@code key=T"value"}, {@code key=[...]}).
 * File Install falls back to plain properties when a typed file does not parse, which applies the raw
 * text (quotes and type letters included) as the value; this checker says where and why instead.
 */
final class TypedConfigChecker {

    /** A value in typed syntax: optional type letter, optional array/collection opener, then a quote. */
    private static final Pattern TYPED_VALUE = Pattern.compile("^[TIiLlFfDdXxSsCcBbZz]?\\s*[\\[(]?\\s*\"");
    private static final Pattern HANDLER_LOCATION = Pattern.compile("line=(\\d+)");

    private TypedConfigChecker() {}

    static List<ConfigSyntaxProblem> check(String text) {
        List<LogicalLine> lines = logicalLines(text);
        List<ConfigSyntaxProblem> problems = new ArrayList<>();
        boolean anyTyped = false;
        List<LogicalLine> plain = new ArrayList<>();
        for (LogicalLine line : lines) {
            int eq = line.text().indexOf('=');
            if (eq < 0) {
                continue; // a bare key is legal in plain properties; the handler pass reports it for typed files
            }
            String key = line.text().substring(0, eq).trim();
            String value = line.text().substring(eq + 1).trim();
            if (TYPED_VALUE.matcher(value).find()) {
                anyTyped = true;
                String reason = quotingProblem(value);
                if (reason != null) {
                    problems.add(new ConfigSyntaxProblem(line.number(), key, reason));
                }
            } else {
                plain.add(new LogicalLine(line.number(), key));
            }
        }
        if (!anyTyped) {
            return List.of(); // a plain properties file: File Install reads it as such, nothing to say
        }
        for (LogicalLine p : plain) {
            problems.add(new ConfigSyntaxProblem(p.number(), p.text(),
                    "value is not in typed syntax while other values are (strings need quotes: key=\"text\")"));
        }
        if (problems.isEmpty()) {
            handlerProblem(text, lines).ifPresent(problems::add);
        }
        return List.copyOf(problems);
    }

    /** Quotes must close, and nothing but a closing bracket may follow the last one. */
    private static String quotingProblem(String value) {
        boolean inString = false;
        int lastQuote = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
                lastQuote = i;
            }
        }
        if (inString) {
            return "the quote opened at " + value.substring(0, Math.min(value.length(), 20))
                    + " is never closed (missing closing \")";
        }
        String rest = value.substring(lastQuote + 1).replace(" ", "").replace(",", "");
        if (!rest.isEmpty() && !rest.equals("]") && !rest.equals(")")) {
            return "unexpected text after the closing quote: " + rest;
        }
        return null;
    }

    private static java.util.Optional<ConfigSyntaxProblem> handlerProblem(String text, List<LogicalLine> lines) {
        try {
            ConfigurationHandler.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            return java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            int line = 0;
            Matcher m = HANDLER_LOCATION.matcher(String.valueOf(e.getMessage()));
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
            }
            String key = keyAt(lines, line);
            return java.util.Optional.of(new ConfigSyntaxProblem(line, key, "not valid typed syntax: " + e.getMessage()));
        }
    }

    private static String keyAt(List<LogicalLine> lines, int number) {
        for (LogicalLine l : lines) {
            if (l.number() == number) {
                int eq = l.text().indexOf('=');
                return eq < 0 ? l.text().trim() : l.text().substring(0, eq).trim();
            }
        }
        return "?";
    }

    /** Joins lines ending in a backslash (multi-line arrays) and drops blank and comment lines. */
    private static List<LogicalLine> logicalLines(String text) {
        String[] physical = text.split("\r\n|\r|\n", -1);
        List<LogicalLine> out = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < physical.length; i++) {
            String line = physical[i];
            if (current == null) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                    continue;
                }
                current = new StringBuilder();
                start = i + 1;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1);
            } else {
                current.append(line);
                out.add(new LogicalLine(start, current.toString()));
                current = null;
            }
        }
        if (current != null) {
            out.add(new LogicalLine(start, current.toString()));
        }
        return out;
    }

    private record LogicalLine(int number, String text) {}
}
