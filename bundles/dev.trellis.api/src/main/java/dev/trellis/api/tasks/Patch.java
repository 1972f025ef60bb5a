package dev.trellis.api.tasks;

import java.util.Objects;
import java.util.Optional;

/**
 * A change to an optional field with three states: leave it ({@link Absent}), clear it
 * ({@link Clear}), or set it ({@link Set}). In JSON these are: key missing, {@code null}, value.
 *
 * @param <T> the field type
 */
public sealed interface Patch<T> permits Patch.Absent, Patch.Clear, Patch.Set {

    /** Leave the field as it is. */
    record Absent<T>() implements Patch<T> {
    }

    /** Remove the field's value. */
    record Clear<T>() implements Patch<T> {
    }

    /** Give the field a value. */
    record Set<T>(T value) implements Patch<T> {
        public Set {
            Objects.requireNonNull(value, "patch value (use Patch.clear() to clear)");
        }
    }

    static <T> Patch<T> absent() {
        return new Absent<>();
    }

    static <T> Patch<T> clear() {
        return new Clear<>();
    }

    static <T> Patch<T> set(T value) {
        return new Set<>(value);
    }

    /**
     * Builds a patch from a nullable value as found in a JSON object: {@code present == false} is
     * absent, a present null is clear, anything else is set.
     */
    static <T> Patch<T> fromJson(boolean present, T valueOrNull) {
        if (!present) {
            return absent();
        }
        return valueOrNull == null ? clear() : set(valueOrNull);
    }

    /** The field after applying this patch to {@code current}. */
    default Optional<T> applyTo(Optional<T> current) {
        Objects.requireNonNull(current, "current");
        return switch (this) {
            case Absent<T> a -> current;
            case Clear<T> c -> Optional.empty();
            case Set<T> s -> Optional.of(s.value());
        };
    }

    /** True unless {@link Absent}. */
    default boolean changes() {
        return !(this instanceof Absent<T>);
    }
}
