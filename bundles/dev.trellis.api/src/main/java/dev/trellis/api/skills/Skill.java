package dev.trellis.api.skills;

import java.util.Objects;

/**
 * A skill: metadata, source and Markdown body.
 *
 * @param handle   the label of its skill block, used to load it
 * @param metadata front matter
 * @param source   where it came from
 * @param body     Markdown after the front matter
 */
public record Skill(String handle, SkillMetadata metadata, SkillSource source, String body) {
    public Skill {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(body, "body");
        if (metadata.trustTier() != source.tier() && metadata.trustTier() != TrustTier.PLUGIN_INSTALLED) {
            throw new IllegalArgumentException("skill '" + handle + "' has tier " + metadata.trustTier().id()
                    + " but its source gives " + source.tier().id());
        }
    }
}
