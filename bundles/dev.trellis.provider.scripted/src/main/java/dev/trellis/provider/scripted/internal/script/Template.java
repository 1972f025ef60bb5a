package dev.trellis.provider.scripted.internal.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Text with placeholders: {@code ${user}} (the last user message), {@code ${tool}} (the last tool result),
 * {@code ${index}} (the turn index), {@code ${model}}, {@code ${instance}} (which provider instance plays
 * it) and {@code ${1}} to {@code ${9}} (groups of the turn's {@code user} or {@code tool} pattern).
 * {@code $${} is a literal {@code ${}.
 */
public final class Template {

    /** Placeholder names a script may use. */
    public static final Set<String> NAMES = Set.of("user", "tool", "index", "model", "instance",
            "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private final List<String> literals;
    private final List<String> names;
    private final String source;

    private Template(List<String> literals, List<String> names, String source) {
        this.literals = literals;
        this.names = names;
        this.source = source;
    }

    /** A template without placeholders. */
    public static Template literal(String text) {
        return new Template(List.of(text), List.of(), text);
    }

    /** @throws ScriptException naming {@code where} for an unclosed or unknown placeholder */
    public static Template parse(String text, Location where) throws ScriptException {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                current.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new ScriptException(where, "placeholder '" + text.substring(i) + "' is not closed with '}'");
                }
                String name = text.substring(i + 2, end).strip();
                if (!NAMES.contains(name)) {
                    throw new ScriptException(where, "unknown placeholder '${" + name + "}' (known: ${user}, ${tool},"
                            + " ${index}, ${model}, ${instance}, ${1} to ${9}; write $${ for a literal ${)");
                }
                literals.add(current.toString());
                current.setLength(0);
                names.add(name);
                i = end + 1;
            } else {
                current.append(text.charAt(i++));
            }
        }
        literals.add(current.toString());
        return new Template(List.copyOf(literals), List.copyOf(names), text);
    }

    /** The text with each placeholder replaced by {@code values.apply(name)}. */
    public String render(UnaryOperator<String> values) {
        if (names.isEmpty()) {
            return literals.getFirst();
        }
        StringBuilder sb = new StringBuilder(literals.getFirst());
        for (int i = 0; i < names.size(); i++) {
            sb.append(values.apply(names.get(i))).append(literals.get(i + 1));
        }
        return sb.toString();
    }

    /** True if the text has no placeholders. */
    public boolean isLiteral() {
        return names.isEmpty();
    }

    @Override
    public String toString() {
        return source;
    }
}
