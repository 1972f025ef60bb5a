package dev.trellis.provider.scripted.internal.script;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When a turn applies ({@code when:}); every given part must hold, an empty condition always holds.
 *
 * @param indexes   turn indexes (0 = the model's first turn in the conversation, i.e. no assistant message
 *                  yet); empty = any
 * @param user      found (not necessarily matching the whole text) in the last user message
 * @param tool      found in a tool result of the last message, which must then be a tool message
 * @param toolError if present, the last message must be a tool message whose results are (not) errors
 * @param offered   the request must offer a tool of this name
 */
public record Condition(Set<Integer> indexes, Optional<Pattern> user, Optional<Pattern> tool,
        Optional<Boolean> toolError, Optional<String> offered) {

    public static final Condition ALWAYS = new Condition(Set.of(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public Condition {
        indexes = Set.copyOf(indexes);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(toolError, "toolError");
        Objects.requireNonNull(offered, "offered");
    }
}
