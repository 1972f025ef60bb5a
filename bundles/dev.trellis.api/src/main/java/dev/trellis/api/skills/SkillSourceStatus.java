package dev.trellis.api.skills;

import dev.trellis.api.memory.Scope;
import java.util.List;
import java.util.Objects;

/**
 * One source of skills as {@link SkillAdmin} reports it.
 *
 * @param id       {@code first-party}, {@code plugin:<bsn>}, {@code project:<project>} or {@code ad-hoc}
 * @param tier     the tier its skills get
 * @param location where its files are read from: a bundle entry folder, a directory, or the scopes of
 *                 ad-hoc skill blocks
 * @param scope    the scope its skill blocks are stored in
 * @param handles  its skills, ordered: block labels in {@code scope}, whole block addresses
 *                 ({@code local:p/notes/x}) for ad-hoc skill blocks stored elsewhere
 * @param problems files (or blocks) that failed to parse at the last scan, each with its location;
 *                 the skill's previous text stays loadable until the file parses again
 * @since 1.1
 */
public record SkillSourceStatus(String id, TrustTier tier, String location, Scope scope, List<String> handles,
        List<SkillParseError> problems) {
    public SkillSourceStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(scope, "scope");
        handles = List.copyOf(Objects.requireNonNull(handles, "handles"));
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    }
}
