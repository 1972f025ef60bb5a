package dev.trellis.api.store;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.TaskFilter;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskItem;
import dev.trellis.api.tasks.TaskView;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The derived index of task-list blocks: one row per item (with its full text: subject, description,
 * comments), one row per outgoing edge, and per list the block revision it reflects. The block content is
 * the truth; the tasks bundle writes this index from it inside the block's own write transaction (through
 * the memory schema hook) and may rebuild it at any time. Edge targets are in the scope of their source
 * (handles are labels of that scope).
 *
 * <p>Task items are also found by {@link SearchIndex#search} as {@code TASK} hits (ref {@code handle#item}).
 *
 * @since 1.2
 */
@ProviderType
public interface TaskIndexStore {

    /**
     * Makes the index of the list at {@code list} what {@code items} (in list order) say, and records
     * {@code revision} as the block revision it reflects. Rows that already match are left alone, so an
     * unchanged list writes nothing and a change to one item rewrites that item's rows only.
     */
    void replace(BlockAddress list, long revision, List<TaskItem> items);

    /** Drops everything indexed for the list. @return false if nothing was indexed for it */
    boolean remove(BlockAddress list);

    /** Every indexed list with the block revision its rows reflect, ordered by scope key then label. */
    List<IndexedList> indexedLists();

    /**
     * The labels of the lists indexed in one scope, sorted: the live task-list blocks of the scope (the index
     * follows them in their own transactions), without reading the blocks.
     */
    List<String> lists(Scope scope);

    /**
     * Items of the named lists of one scope that pass {@code filter}, in list-label then list order, each with
     * its incoming ({@link TaskView#blockerCount()}) and outgoing edge counts, computed in one query.
     * {@code filter.blocks()} is not looked at: the caller narrows {@code labels} (and checks visibility).
     *
     * @throws StoreException {@code BAD_QUERY} if {@code filter.keyword()} is not valid full-text syntax
     */
    List<TaskView> list(Scope scope, Collection<String> labels, TaskFilter filter);

    /** True if the item (an item ref) or the list (a list ref) is indexed in the scope. */
    boolean contains(Scope scope, EdgeRef ref);

    /** The ids of a list's items, in list order; empty if the list is not indexed. */
    List<TaskId> items(Scope scope, String label);

    /** Stored edges whose source is one of {@code sources} (item refs; list refs have no outgoing edges). */
    List<GraphResult.Edge> edgesFrom(Scope scope, Collection<EdgeRef> sources);

    /** Stored edges whose target is exactly one of {@code targets} (an item, or a whole list). */
    List<GraphResult.Edge> edgesTo(Scope scope, Collection<EdgeRef> targets);

    /** The largest item id indexed anywhere, for id generators that must stay ahead of existing ids. */
    Optional<TaskId> maxId();
}
