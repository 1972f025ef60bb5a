package dev.trellis.auth.internal.core;

import java.util.Map;
import java.util.Optional;

/** Environment variables, injectable so tests never depend on (or leak) the developer's keys. */
@FunctionalInterface
public interface Environment {

    /** The raw value, or null. */
    String raw(String name);

    /** The value with surrounding whitespace removed; empty if unset or blank. */
    default Optional<String> get(String name) {
        String v = raw(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** The process environment. */
    static Environment system() {
        return System::getenv;
    }

    static Environment of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }
}
