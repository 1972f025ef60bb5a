package dev.trellis.skills.internal.parse;

import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.skills.TrustTier;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a skill file says, before the host assigns the tier in effect: the front matter fields as
 * written and the Markdown body.
 *
 * @param declaredTier the {@code trust_tier} written in the file, if any
 * @param extras       unknown keys (and, in {@code SKILL.md} files, the agentskills.io fields such as
 *                     {@code license} and {@code allowed-tools}), each value as compact JSON, sorted by key
 */
public record SkillDocument(String name, Optional<TrustTier> declaredTier, Optional<String> description,
        List<String> keywords, Optional<String> hooksJson, Optional<PluginId> sourcePlugin,
        SortedMap<String, String> extras, String body) {

    public SkillDocument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(declaredTier, "declaredTier");
        Objects.requireNonNull(description, "description");
        keywords = List.copyOf(keywords);
        Objects.requireNonNull(hooksJson, "hooksJson");
        Objects.requireNonNull(sourcePlugin, "sourcePlugin");
        extras = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(extras));
        Objects.requireNonNull(body, "body");
    }

    /** Keys with a meaning of their own; everything else is an extra. */
    public static final List<String> KNOWN_KEYS = List.of("name", "trust_tier", "description", "keywords", "hooks",
            "source_plugin_id");
}
