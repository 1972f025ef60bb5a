package dev.trellis.api.skills;

import java.util.Objects;

/**
 * Where and why a skill file could not be parsed.
 *
 * @param file    the file (path or bundle entry) as given to the parser
 * @param line    1-based line, 0 if unknown
 * @param column  1-based column, 0 if unknown
 * @param message what is wrong ("missing '---' delimiter", "name: required", "keywords: expected a list")
 */
public record SkillParseError(String file, int line, int column, String message) {
    public SkillParseError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0");
        }
    }

    /** {@code file:line:column: message}, the usual compiler form. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
