package dev.trellis.skills.internal;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Scope;
import java.util.Objects;

/**
 * The labels one source owns: every block in {@code scope} whose label starts with {@code prefix}. The
 * skills bundle keeps them exactly in step with the source (a block there that the source lacks is
 * deleted, an edit by anyone else is overwritten with the source's text).
 */
record Namespace(Scope scope, String prefix) {

    Namespace {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("namespace prefix must end with '/': " + prefix);
        }
    }

    boolean contains(BlockAddress address) {
        return address.scope().equals(scope) && address.label().startsWith(prefix)
                && address.label().indexOf('/', prefix.length()) < 0;
    }

    /** The block of skill {@code name} in this namespace. */
    BlockAddress address(String name) {
        return BlockAddress.of(scope, prefix + name);
    }

    /** The skill name of a block in this namespace. */
    String nameOf(BlockAddress address) {
        return address.label().substring(prefix.length());
    }

    @Override
    public String toString() {
        return scope.key() + "/" + prefix;
    }
}
