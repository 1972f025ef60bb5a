package dev.trellis.provider.scripted.internal.play;

import dev.trellis.provider.scripted.internal.script.Condition;
import dev.trellis.provider.scripted.internal.script.ScriptedModel;
import dev.trellis.provider.scripted.internal.script.Turn;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

/**
 * A loaded scripted model with the use counts of its turns ({@code times}); counts start at zero each time
 * the model is (re)loaded.
 */
public final class Selection {

    private final ScriptedModel model;
    private final AtomicInteger[] uses;

    public Selection(ScriptedModel model) {
        this.model = model;
        this.uses = new AtomicInteger[model.turns().size()];
        for (int i = 0; i < uses.length; i++) {
            uses[i] = new AtomicInteger();
        }
    }

    public ScriptedModel model() {
        return model;
    }

    /** The chosen turn and the groups of the pattern that chose it ({@code ${1}} is element 0). */
    public record Chosen(Turn turn, List<String> groups) {
    }

    /** The first turn that applies and still has uses left; counts the use. */
    public Optional<Chosen> choose(Conversation c) {
        List<Turn> turns = model.turns();
        for (int i = 0; i < turns.size(); i++) {
            Turn t = turns.get(i);
            Optional<List<String>> groups = matches(t.when(), c);
            if (groups.isEmpty()) {
                continue;
            }
            int limit = t.times();
            if (limit > 0 && uses[i].getAndUpdate(u -> u < limit ? u + 1 : u) >= limit) {
                continue;
            }
            return Optional.of(new Chosen(t, groups.get()));
        }
        return Optional.empty();
    }

    /** Empty if the condition does not hold; else the capture groups (possibly none). */
    static Optional<List<String>> matches(Condition when, Conversation c) {
        if (!when.indexes().isEmpty() && !when.indexes().contains(c.index())) {
            return Optional.empty();
        }
        if (when.offered().isPresent() && !c.offered().contains(when.offered().get())) {
            return Optional.empty();
        }
        if ((when.tool().isPresent() || when.toolError().isPresent()) && c.lastToolResults().isEmpty()) {
            return Optional.empty();
        }
        if (when.toolError().isPresent()
                && c.lastToolResults().get().stream().anyMatch(r -> r.error()) != when.toolError().get()) {
            return Optional.empty();
        }
        List<String> groups = List.of();
        if (when.tool().isPresent()) {
            Matcher m = when.tool().get().matcher(c.lastToolText());
            if (!m.find()) {
                return Optional.empty();
            }
            groups = groups(m);
        }
        if (when.user().isPresent()) {
            Matcher m = when.user().get().matcher(c.lastUser());
            if (!m.find()) {
                return Optional.empty();
            }
            groups = groups(m);
        }
        return Optional.of(groups);
    }

    private static List<String> groups(Matcher m) {
        String[] g = new String[Math.min(m.groupCount(), 9)];
        for (int i = 0; i < g.length; i++) {
            g[i] = m.group(i + 1) == null ? "" : m.group(i + 1);
        }
        return List.of(g);
    }
}
