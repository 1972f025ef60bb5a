package dev.trellis.skills.internal;

import java.util.Objects;

/**
 * The state a source wants one skill block in.
 *
 * @param text        the skill file's text, line ends normalized: the block's content
 * @param description the skill's description, kept as the block's description
 * @param location    the file it came from (for messages)
 */
record Wanted(String text, String description, String location) {
    Wanted {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(location, "location");
    }
}
