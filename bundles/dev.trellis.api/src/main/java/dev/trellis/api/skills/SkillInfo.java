package dev.trellis.api.skills;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A skill as listed or found.
 *
 * @param handle      block label to load it with
 * @param name        skill name
 * @param description one-line summary
 * @param trustTier   tier in effect
 * @param keywords    keywords
 * @param lastUsed    last load, if ever
 */
public record SkillInfo(String handle, String name, Optional<String> description, TrustTier trustTier,
        List<String> keywords, Optional<Instant> lastUsed) {
    public SkillInfo {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(trustTier, "trustTier");
        keywords = List.copyOf(Objects.requireNonNull(keywords, "keywords"));
        Objects.requireNonNull(lastUsed, "lastUsed");
    }
}
