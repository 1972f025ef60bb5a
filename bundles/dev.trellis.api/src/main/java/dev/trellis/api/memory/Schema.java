package dev.trellis.api.memory;

import java.util.Objects;

/**
 * The shape of a block's content and which operations apply to it. Content is always carried as
 * text: {@link #TEXT} and {@link #SKILL} as plain text (a skill is Markdown with YAML front matter),
 * {@link #MAP} as a JSON object, {@link #LIST} and {@link #LOG} as a JSON array, {@link #TASK_LIST}
 * as the JSON form owned by the task service.
 */
public enum Schema {
    TEXT("text"),
    MAP("map"),
    LIST("list"),
    LOG("log"),
    TASK_LIST("task-list"),
    SKILL("skill");

    private final String id;

    Schema(String id) {
        this.id = id;
    }

    /** The text form, e.g. {@code task-list}. */
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException for unknown text; the message lists the valid forms */
    public static Schema parse(String text) {
        Objects.requireNonNull(text, "schema");
        for (Schema s : values()) {
            if (s.id.equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown schema '" + text + "' (expected text, map, list, log, task-list or skill)");
    }
}
