package dev.trellis.api.memory;

import java.util.Objects;

/**
 * A block's permission, a ladder from least to most allowed:
 * {@code read_only < partner < human < append < read_write < admin}. A block with permission
 * {@code p} allows an access {@code a} when {@code p.allows(a.required())}. {@code partner} and
 * {@code human} mean an agent may not write; only the named kind of person may. System writes skip
 * the check.
 */
public enum Permission {
    READ_ONLY("read_only", "Read Only"),
    PARTNER("partner", "Requires Partner permission to write"),
    HUMAN("human", "Requires Human permission to write"),
    APPEND("append", "Append Only"),
    READ_WRITE("read_write", "Read, Append, Write"),
    ADMIN("admin", "Read, Write, Delete");

    /** Permission of a new block when none is given. */
    public static final Permission DEFAULT = READ_WRITE;

    private final String id;
    private final String display;

    Permission(String id, String display) {
        this.id = id;
        this.display = display;
    }

    /** Text form, e.g. {@code read_write}. */
    public String id() {
        return id;
    }

    /** The sentence shown to agents in rendered memory, e.g. {@code Append Only}. */
    public String displayText() {
        return display;
    }

    /** True if this permission is at least {@code needed} on the ladder. */
    public boolean allows(Permission needed) {
        Objects.requireNonNull(needed, "needed");
        return compareTo(needed) >= 0;
    }

    /** True if this permission allows {@code access}. */
    public boolean allows(Access access) {
        return allows(access.required());
    }

    /** @throws IllegalArgumentException for unknown text; the message lists the ladder */
    public static Permission parse(String text) {
        Objects.requireNonNull(text, "permission");
        for (Permission p : values()) {
            if (p.id.equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown permission '" + text
                + "' (expected read_only, partner, human, append, read_write or admin)");
    }
}
