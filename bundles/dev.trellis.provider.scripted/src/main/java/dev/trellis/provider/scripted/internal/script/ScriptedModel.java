package dev.trellis.provider.scripted.internal.script;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A scripted model: {@code scripted/<name>} plays the first of its turns that applies.
 *
 * @param name        the model part of the id
 * @param description shown in model lists
 * @param pause       pause between any two events (0 = none)
 * @param turns       in order, at least one
 * @param where       where the model was defined
 */
public record ScriptedModel(String name, String description, Duration pause, List<Turn> turns, Location where) {
    public ScriptedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(pause, "pause");
        turns = List.copyOf(turns);
        Objects.requireNonNull(where, "where");
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a scripted model needs at least one turn");
        }
    }
}
