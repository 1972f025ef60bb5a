package dev.trellis.api.skills;

import java.util.Objects;

/**
 * How much a skill is trusted, decided by where it came from. A tier declared in a file's front
 * matter must be one of these (anything else is a parse error), but the host assigns the tier from
 * the {@link SkillSource}; the one declared value it keeps is {@code plugin-installed}, which only
 * ever lowers trust.
 */
public enum TrustTier {
    /** Shipped inside the skills bundle. */
    FIRST_PARTY("first-party"),
    /** From a project's {@code skills/} folder or a project-scope block. */
    PROJECT_LOCAL("project-local"),
    /** Installed by a plugin bundle through its {@code Trellis-Skills} header. */
    PLUGIN_INSTALLED("plugin-installed"),
    /** Created at runtime (by an agent, a message, the console). */
    AD_HOC("ad-hoc");

    private final String id;

    TrustTier(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException for unknown text; the message lists the valid tiers */
    public static TrustTier parse(String text) {
        Objects.requireNonNull(text, "trust tier");
        for (TrustTier t : values()) {
            if (t.id.equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown trust tier '" + text
                + "' (expected first-party, project-local, plugin-installed or ad-hoc)");
    }
}
