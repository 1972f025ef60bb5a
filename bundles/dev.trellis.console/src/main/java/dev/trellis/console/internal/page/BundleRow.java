package dev.trellis.console.internal.page;

import java.util.List;

/**
 * One Trellis bundle as the page shows it.
 *
 * @param id       bundle id
 * @param bsn      symbolic name
 * @param state    state in words ("Active", "Resolved", ...)
 * @param version  bundle version
 * @param provides Trellis services it registered, e.g. {@code dev.trellis.api.tool.Tool [tool.name=hello]}
 * @param uses     Trellis services it currently uses, same form
 */
public record BundleRow(long id, String bsn, String state, String version, List<String> provides, List<String> uses) {
    public BundleRow {
        provides = List.copyOf(provides);
        uses = List.copyOf(uses);
    }
}
