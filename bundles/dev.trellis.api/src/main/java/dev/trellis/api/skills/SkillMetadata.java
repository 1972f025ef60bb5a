package dev.trellis.api.skills;

import dev.trellis.api.plugin.PluginId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The front matter of a skill.
 *
 * @param name         kebab-case id ({@code fix-authentication}), required
 * @param trustTier    the tier in effect (assigned from the source, see {@link TrustTier})
 * @param description  one-line summary shown in listings
 * @param keywords     search keywords
 * @param hooksJson    the {@code hooks} value as JSON text, kept opaque
 * @param sourcePlugin the plugin that installed it, if any
 * @param extras       unknown front-matter keys, each value as JSON text; preserved on rewrite
 */
public record SkillMetadata(String name, TrustTier trustTier, Optional<String> description, List<String> keywords,
        Optional<String> hooksJson, Optional<PluginId> sourcePlugin, Map<String, String> extras) {

    /** Accepted names. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** @throws IllegalArgumentException if the name is not kebab-case */
    public SkillMetadata {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("skill name '" + name + "' must be kebab-case (" + NAME.pattern() + ")");
        }
        Objects.requireNonNull(trustTier, "trustTier");
        Objects.requireNonNull(description, "description");
        keywords = List.copyOf(Objects.requireNonNull(keywords, "keywords"));
        Objects.requireNonNull(hooksJson, "hooksJson");
        Objects.requireNonNull(sourcePlugin, "sourcePlugin");
        extras = Map.copyOf(Objects.requireNonNull(extras, "extras"));
    }
}
