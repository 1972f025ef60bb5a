package dev.trellis.example.journal;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.memory.sync.SyncEvent.GoneReason;
import dev.trellis.example.journal.JournalEntry.Change;
import dev.trellis.example.journal.JournalEntry.Kind;
import dev.trellis.memory.replica.ReplicaEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns replica events into journal entries, across subscriptions. It remembers the last revision it
 * accounted for per block, so that after a rebind (memory bundle restarted) or a resync the fresh
 * snapshot yields entries for what changed while it was not listening, and no entry twice.
 *
 * <p>The very first snapshot is the baseline: existing blocks are not journaled. The journal block
 * itself is never journaled.
 */
final class ChangeTracker {

    /** What the tracker asks the memory service (through the current binding). */
    interface Lookup {
        /** Who committed {@code revision} of the block, as {@code Author.render()}; {@code fallback} if unknown. */
        String authorOf(BlockAddress address, long revision, String fallback);

        /** True if the block exists now. */
        boolean exists(BlockAddress address);
    }

    private final BlockAddress journal;
    private final Map<BlockAddress, Long> known = new HashMap<>();
    private final Set<BlockAddress> seen = new HashSet<>();
    private boolean baselined;

    ChangeTracker(BlockAddress journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /** The entries to append for {@code event}, in order. */
    synchronized List<JournalEntry> on(ReplicaEvent event, Lookup lookup) {
        List<JournalEntry> out = new ArrayList<>();
        switch (event) {
            case ReplicaEvent.Snapshot s -> {
                Block b = s.block();
                if (b.address().equals(journal)) {
                    break;
                }
                seen.add(b.address());
                Long k = known.get(b.address());
                if (!baselined) {
                    known.put(b.address(), b.revision());
                } else if (k == null) {
                    out.add(new Change(Kind.WRITTEN, b.address(), b.metadata().lastAuthor().render(), b.revision(),
                            Optional.empty()));
                    known.put(b.address(), b.revision());
                } else if (b.revision() > k) {
                    out.add(new Change(Kind.UPDATED, b.address(),
                            lookup.authorOf(b.address(), b.revision(), b.metadata().lastAuthor().render()),
                            b.revision(), Optional.empty()));
                    known.put(b.address(), b.revision());
                }
            }
            case ReplicaEvent.Ready r -> {
                if (baselined) {
                    // watched before, absent from the fresh snapshot: deleted (or out of scope) meanwhile
                    for (Iterator<Map.Entry<BlockAddress, Long>> it = known.entrySet().iterator(); it.hasNext(); ) {
                        Map.Entry<BlockAddress, Long> e = it.next();
                        if (!seen.contains(e.getKey())) {
                            if (!lookup.exists(e.getKey())) {
                                long revision = e.getValue() + 1;
                                out.add(new Change(Kind.DELETED, e.getKey(),
                                        lookup.authorOf(e.getKey(), revision, "unknown"), revision, Optional.empty()));
                            }
                            it.remove();
                        }
                    }
                }
                baselined = true;
                seen.clear();
                out.add(new JournalEntry.Subscribed(known.size()));
            }
            case ReplicaEvent.Added a -> {
                Block b = a.block();
                if (b.address().equals(journal) || b.revision() <= known.getOrDefault(b.address(), 0L)) {
                    break;
                }
                out.add(new Change(Kind.WRITTEN, b.address(), b.metadata().lastAuthor().render(), b.revision(),
                        Optional.empty()));
                known.put(b.address(), b.revision());
            }
            case ReplicaEvent.Changed c -> {
                BlockAddress address = c.after().address();
                if (address.equals(journal) || c.revision() <= known.getOrDefault(address, 0L)) {
                    break;
                }
                out.add(new Change(Kind.UPDATED, address, lookup.authorOf(address, c.revision(), render(c.origin())),
                        c.revision(), Optional.of(c.op().map(MemoryOp::kind).orElse("patch-metadata"))));
                known.put(address, c.revision());
            }
            case ReplicaEvent.Removed g -> {
                if (g.address().equals(journal)) {
                    break;
                }
                Long k = known.remove(g.address());
                if (g.reason() == GoneReason.DELETED) {
                    long last = k != null ? k : g.last().map(Block::revision).orElse(0L);
                    out.add(new Change(Kind.DELETED, g.address(), render(g.origin()), last + 1, Optional.empty()));
                }
            }
            case ReplicaEvent.Resync r -> seen.clear();
        }
        return out;
    }

    /** The author an origin stands for when the history cannot tell. */
    static String render(Origin origin) {
        return switch (origin) {
            case Origin.Plugin p -> "plugin " + p.plugin().value();
            case Origin.Host h -> "host";
        };
    }
}
