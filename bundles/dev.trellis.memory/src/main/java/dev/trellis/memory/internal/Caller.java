package dev.trellis.memory.internal;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.plugin.PluginId;
import java.util.Objects;

/**
 * Who is calling and through which view: fixed when the bundle-scoped service is created, never
 * taken from arguments.
 */
record Caller(Author author, Origin origin, View view) {

    Caller {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(view, "view");
    }

    /** A plugin bundle seeing every scope. */
    static Caller plugin(PluginId plugin) {
        return new Caller(new Author.Plugin(plugin), new Origin.Plugin(plugin, 0), View.ALL);
    }

    Caller withView(View value) {
        return new Caller(author, origin, value);
    }

    Caller withAuthor(Author value) {
        return new Caller(value, origin, view);
    }
}
