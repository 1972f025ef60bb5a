package dev.trellis.provider.scripted.internal.script;

import dev.trellis.api.model.StopReason;
import java.util.List;
import java.util.Objects;

/**
 * One scripted answer.
 *
 * @param when  when it applies
 * @param times how often it may be used before the next matching turn is chosen (0 = always)
 * @param reply what is streamed
 * @param stop  the stop reason sent last (unless the reply ends with an error)
 * @param where where the turn was written
 */
public record Turn(Condition when, int times, List<Step> reply, StopReason stop, Location where) {
    public Turn {
        Objects.requireNonNull(when, "when");
        reply = List.copyOf(reply);
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(where, "where");
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
    }

    /** True if the reply ends with an error instead of a stop. */
    public boolean fails() {
        return !reply.isEmpty() && reply.getLast() instanceof Step.Fail;
    }
}
