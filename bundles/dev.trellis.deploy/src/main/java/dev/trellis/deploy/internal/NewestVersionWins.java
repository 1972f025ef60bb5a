package dev.trellis.deploy.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.framework.Version;

/**
 * Decides which Trellis bundles to stop or start so that, of several bundles with one symbolic name,
 * only the highest version runs. That is what "drop a newer provider into deploy/" must mean for a
 * bundle that came inside the host jar: File Install cannot update a bundle it did not install, so it
 * installs the newer one beside it; the older one is then stopped (its components drain as on any
 * update) and started again once the newer one is gone. Pure function of a snapshot, so it is tested
 * without a framework.
 */
final class NewestVersionWins {

    /** What the framework shows of one bundle. */
    record Seen(long id, String bsn, Version version, boolean active, boolean fragment) {
    }

    /** One change to make. */
    sealed interface Action permits Stop, Start {
        long id();
    }

    /** Stop {@code id} (transiently): {@code by} is the newer bundle that replaces it. */
    record Stop(long id, Seen stopped, Seen by) implements Action {
    }

    /** Start {@code id} again: nothing newer with its name runs any more. */
    record Start(long id, Seen started) implements Action {
    }

    private NewestVersionWins() {
    }

    /**
     * @param bundles         every bundle now
     * @param prefixes        symbolic-name prefixes the rule applies to (e.g. {@code dev.trellis.})
     * @param stoppedEarlier  ids this rule stopped before and has not started again
     * @return the stops first (newest first wins), then the starts
     */
    static List<Action> decide(List<Seen> bundles, List<String> prefixes, Set<Long> stoppedEarlier) {
        Map<String, List<Seen>> byName = new TreeMap<>();
        for (Seen b : bundles) {
            if (!b.fragment() && b.bsn() != null && prefixes.stream().anyMatch(b.bsn()::startsWith)) {
                byName.computeIfAbsent(b.bsn(), k -> new ArrayList<>()).add(b);
            }
        }
        List<Action> stops = new ArrayList<>();
        List<Action> starts = new ArrayList<>();
        Comparator<Seen> newestFirst = Comparator.comparing(Seen::version).thenComparingLong(Seen::id).reversed();
        for (List<Seen> same : byName.values()) {
            same.sort(newestFirst);
            Seen newestActive = same.stream().filter(Seen::active).findFirst().orElse(null);
            for (Seen b : same) {
                if (newestActive != null && b.active() && b != newestActive
                        && newestFirst.compare(newestActive, b) < 0) {
                    stops.add(new Stop(b.id(), b, newestActive));
                }
            }
            if (newestActive == null) {
                // nothing of this name runs: give back the newest one this rule had stopped
                same.stream().filter(b -> stoppedEarlier.contains(b.id())).findFirst()
                        .ifPresent(b -> starts.add(new Start(b.id(), b)));
            }
        }
        List<Action> all = new ArrayList<>(stops);
        all.addAll(starts);
        return all;
    }
}
