package dev.trellis.api.agent;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Id of an agent: the name of its configuration ({@code dev.trellis.agent~<id>}).
 *
 * @param value a lower-case letter or digit, then up to 63 lower-case letters, digits, '_' or '-'
 */
public record AgentId(String value) implements Comparable<AgentId> {

    public static final Pattern SYNTAX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** @throws IllegalArgumentException if the value does not match {@link #SYNTAX} */
    public AgentId {
        Objects.requireNonNull(value, "agent id");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("agent id '" + value + "' must match " + SYNTAX.pattern());
        }
    }

    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
