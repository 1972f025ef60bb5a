package dev.trellis.skills.internal;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.TrustTier;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The sources known now and what each last asked for; thread-safe. */
final class SourceRegistry {

    /**
     * One source's latest scan.
     *
     * @param id       {@code first-party}, {@code plugin:<bsn>}, {@code project:<id>}
     * @param location where its files are read (for admin surfaces)
     * @param wanted   skill name → wanted block state
     * @param keep     names of files that failed to parse: their blocks keep their last good text
     * @param problems parse errors of the last scan, located
     * @param paths    skill name → file path relative to the source's folder
     */
    record Source(String id, TrustTier tier, String location, Namespace space, Map<String, Wanted> wanted,
            Set<String> keep, List<SkillParseError> problems, Map<String, String> paths) {
        Source {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(space, "space");
            wanted = Map.copyOf(wanted);
            keep = Set.copyOf(keep);
            problems = List.copyOf(problems);
            paths = Map.copyOf(paths);
        }

        /** Order of admin listings: first-party, plugins, projects. */
        int rank() {
            return id.equals(FIRST_PARTY_ID) ? 0 : id.startsWith("plugin:") ? 1 : 2;
        }
    }

    static final String FIRST_PARTY_ID = "first-party";

    private final Map<String, Source> byId = new ConcurrentHashMap<>();

    void put(Source source) {
        byId.put(source.id(), source);
    }

    Optional<Source> remove(String id) {
        return Optional.ofNullable(byId.remove(id));
    }

    Optional<Source> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<Source> all() {
        return byId.values().stream().sorted(Comparator.comparingInt(Source::rank).thenComparing(Source::id)).toList();
    }

    /** The source whose namespace holds {@code address}. */
    Optional<Source> owner(BlockAddress address) {
        return byId.values().stream().filter(s -> s.space().contains(address)).findFirst();
    }
}
