package dev.trellis.api.tasks;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Task lists stored as {@code task-list} memory blocks. Block handles are labels within the given
 * scope. Bundle-scoped like {@code MemoryService}: mutations are authored by the calling bundle and
 * checked against the block's permission. The derived index (items, edges, full text) is updated in
 * the same transaction as the block.
 *
 * <p>Every method may throw {@link TaskException}; the kinds each one raises are listed.
 * {@link TaskError.Memory} (permission, isolation, char limit, store) may come from any mutation.
 */
@ProviderType
public interface TaskService {

    /**
     * Adds items to a task list, creating the list (working tier, default settings) if missing.
     *
     * @param blockDescription description for a newly created list; ignored if the list exists
     * @return the new ids, in input order
     * @throws TaskException {@code NotATaskList}, {@code InvalidJson}
     */
    List<TaskId> create(Scope scope, String block, Optional<String> blockDescription, List<TaskSpec> items);

    /** @return the item, or empty if the list or item does not exist */
    Optional<TaskItem> get(Scope scope, EdgeRef ref);

    /**
     * Changes the given fields of an item.
     *
     * @throws TaskException {@code MissingItemId}, {@code BlockNotFound}, {@code NotATaskList},
     *                       {@code TaskNotFound}, {@code InvalidJson}
     */
    void update(Scope scope, EdgeRef ref, TaskPatch patch);

    /**
     * Sets the status; {@code completed} stamps {@code completedAt}, leaving it clears it.
     *
     * @throws TaskException {@code MissingItemId}, {@code BlockNotFound}, {@code NotATaskList},
     *                       {@code TaskNotFound}
     */
    void transition(Scope scope, EdgeRef ref, TaskStatus status);

    /**
     * Adds a comment authored by the caller, stamped now.
     *
     * @throws TaskException as {@link #transition}
     */
    void comment(Scope scope, EdgeRef ref, String text);

    /**
     * Records "source blocks target" on the source item only. Idempotent; self-edges are allowed;
     * the target may be a whole list.
     *
     * @throws TaskException {@code MissingItemId} (source), {@code BlockNotFound}, {@code NotATaskList},
     *                       {@code TaskNotFound} (source or target)
     */
    void link(Scope scope, EdgeRef source, EdgeRef target);

    /**
     * Removes an edge; no-op if it does not exist.
     *
     * @throws TaskException {@code MissingItemId}, {@code BlockNotFound}, {@code TaskNotFound} (source)
     */
    void unlink(Scope scope, EdgeRef source, EdgeRef target);

    /**
     * Lists items of one list or, with no block, of every task list visible in the scope.
     *
     * @throws TaskException {@code BlockNotFound}, {@code NotATaskList}, {@code ConflictingBlockScope}
     *                       (block not in a present {@code filter.blocks()}), {@code Memory} with
     *                       {@code QueryError} for bad keyword syntax
     */
    List<TaskView> list(Scope scope, Optional<String> block, TaskFilter filter);

    /**
     * Breadth-first walk from {@code root} (an item or a whole list).
     *
     * @throws TaskException {@code BlockNotFound}, {@code NotATaskList}, {@code TaskNotFound} (root)
     */
    GraphResult graph(Scope scope, EdgeRef root, GraphQuery query);

    /** Settings of a list. @return empty if the block does not exist or is not a task list */
    Optional<TaskListSettings> settings(Scope scope, String block);

    /**
     * Reads a whole list: settings and items in list order.
     *
     * @return empty if the block does not exist (or the view hides it)
     * @throws TaskException {@code NotATaskList}
     * @since 1.1
     */
    Optional<TaskList> read(Scope scope, String block);

    /**
     * Sets a list's default owner, default status and display limit, creating the (empty) list if missing.
     *
     * @param blockDescription description for a newly created list; ignored if the list exists
     * @throws TaskException {@code NotATaskList}
     * @since 1.1
     */
    void configure(Scope scope, String block, Optional<String> blockDescription, TaskListSettings settings);

    /**
     * This service seen through an agent's memory view (persona, project, isolation policy): lists the view
     * hides are absent (reads empty, {@code BlockNotFound} for writes, left out of {@link #list} and
     * {@link #graph}), writes the policy forbids fail with {@code Memory(IsolationDenied)}. Mutations are still
     * authored by the calling bundle.
     *
     * @since 1.1
     */
    TaskService view(ScopeBinding binding);
}
