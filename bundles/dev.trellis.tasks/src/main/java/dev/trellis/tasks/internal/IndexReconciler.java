package dev.trellis.tasks.internal;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.schema.SchemaViolation;
import dev.trellis.api.store.IndexedList;
import dev.trellis.api.store.StoreService;
import dev.trellis.tasks.internal.format.TaskListJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rebuilds the task index from the task-list blocks, where they disagree: a list whose indexed revision is not
 * the block's (or that is not indexed) is re-indexed, index rows of lists that no longer exist are dropped.
 * Each list is checked and fixed in its own write transaction, so a memory write in between is never
 * overwritten with older rows. Running it again finds nothing to do (idempotent).
 *
 * <p>The index is normally exact without it (memory writes update it in their own transaction); it covers task
 * lists stored before this bundle ran, a store file restored from a backup, and rows written by another
 * version.
 */
final class IndexReconciler {

    /**
     * @param checked  lists looked at
     * @param indexed  lists re-indexed
     * @param dropped  indexed lists without a block, dropped
     * @param problems one sentence per list whose content is not a valid task list (its rows are dropped)
     */
    record Report(int checked, int indexed, int dropped, List<String> problems) {
        Report {
            problems = List.copyOf(problems);
        }

        int changed() {
            return indexed + dropped + problems.size();
        }

        String summary() {
            return checked + " task lists checked, " + indexed + " re-indexed, " + dropped + " dropped, "
                    + problems.size() + " invalid";
        }
    }

    private final StoreService store;
    private volatile boolean stopped;

    IndexReconciler(StoreService store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    void stop() {
        stopped = true;
    }

    Report run() {
        Map<BlockAddress, Long> indexed = new HashMap<>();
        Set<BlockAddress> all = new LinkedHashSet<>();
        store.read(tx -> {
            for (IndexedList l : tx.tasks().indexedLists()) {
                indexed.put(l.address(), l.revision());
                all.add(l.address());
            }
            for (BlockMetadata m : tx.blocks().list(ListFilter.ALL.withSchema(Schema.TASK_LIST))) {
                all.add(m.address());
            }
            return null;
        });
        int reindexed = 0;
        int dropped = 0;
        List<String> problems = new ArrayList<>();
        for (BlockAddress address : all) {
            if (stopped) {
                break;
            }
            Long known = indexed.get(address);
            String[] problem = new String[1];
            Outcome o = store.inTransaction(tx -> {
                Optional<Block> block = tx.blocks().find(address).filter(b -> b.metadata().schema() == Schema.TASK_LIST);
                if (block.isEmpty()) {
                    return tx.tasks().remove(address) ? Outcome.DROPPED : Outcome.NONE;
                }
                // the index never goes back: if it was at this revision before, it still is
                if (known != null && known == block.get().revision()) {
                    return Outcome.NONE;
                }
                try {
                    tx.tasks().replace(address, block.get().revision(), TaskListJson.parse(block.get().content()).items());
                    return Outcome.INDEXED;
                } catch (SchemaViolation e) {
                    tx.tasks().remove(address);
                    problem[0] = address + " is not a valid task list (" + e.getMessage()
                            + "); it stays out of the index until it is rewritten";
                    return Outcome.INVALID;
                }
            });
            switch (o) {
                case INDEXED -> reindexed++;
                case DROPPED -> dropped++;
                case INVALID -> problems.add(problem[0]);
                case NONE -> {
                }
            }
        }
        return new Report(all.size(), reindexed, dropped, problems);
    }

    /** What happened to one list. */
    private enum Outcome {
        NONE, INDEXED, DROPPED, INVALID
    }
}
