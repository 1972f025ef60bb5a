package dev.trellis.provider.scripted.internal.script;

import java.util.Objects;

/**
 * Where a part of a script was written: the source (a file path, or a configuration property), the line
 * (1-based, 0 if unknown) and the field path inside the document, e.g. {@code models.demo.turns[1].reply[0]}.
 */
public record Location(String source, int line, String path) {
    public Location {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
    }

    /** The same place one field further down. */
    Location child(String field, int childLine) {
        return new Location(source, childLine, path.isEmpty() ? field : path + "." + field);
    }

    /** The same place one list element further down. */
    Location element(int index, int childLine) {
        return new Location(source, childLine, path + "[" + index + "]");
    }

    @Override
    public String toString() {
        return source + (line > 0 ? " line " + line : "") + (path.isEmpty() ? "" : ", field '" + path + "'");
    }
}
