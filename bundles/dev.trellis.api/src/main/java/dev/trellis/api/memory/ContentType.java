package dev.trellis.api.memory;

/** Kinds of content a {@link SearchQuery} can cover. */
public enum ContentType {
    BLOCK, ARCHIVAL, MESSAGE, TASK, SKILL
}
