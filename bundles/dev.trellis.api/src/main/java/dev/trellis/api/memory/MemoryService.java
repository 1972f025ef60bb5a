package dev.trellis.api.memory;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads and writes memory blocks.
 *
 * <p><b>Caller identity.</b> The service is registered with bundle scope: each bundle gets its own
 * instance, and every write it makes is recorded with {@link Author.Plugin} built from that bundle's
 * symbolic name. There is no author parameter, so a plugin cannot write in another's name.
 *
 * <p><b>Views.</b> The service as obtained sees every scope. {@link #view(ScopeBinding)} returns a
 * view that applies an agent's isolation policy; writes the policy forbids fail with
 * {@link MemoryError.IsolationDenied} and reads of hidden blocks return empty.
 *
 * <p><b>Errors.</b> Reads of a missing block return empty. Every other failure is a
 * {@link MemoryException} whose {@link MemoryException#error()} is one of the {@link MemoryError}
 * kinds named on each method; {@link MemoryError.StoreUnavailable} may come from any method and means
 * nothing was changed. Permissions are checked against the block's {@link Permission} for the access
 * the op needs ({@link MemoryOp#access()}).
 *
 * <p>All methods are thread-safe; each write is atomic and durable when the method returns.
 */
@ProviderType
public interface MemoryService {

    /** Reads a block. @return the block, or empty if it does not exist or the view hides it */
    Optional<Block> read(BlockAddress address);

    /**
     * Reads a block's metadata without its content.
     *
     * @return the metadata, or empty if the block does not exist or the view hides it
     * @since 1.1
     */
    Optional<BlockMetadata> metadata(BlockAddress address);

    /** Lists the metadata of matching blocks, ordered by scope then label. */
    List<BlockMetadata> list(ListFilter filter);

    /**
     * Creates a block at revision 1.
     *
     * @throws MemoryException {@code AlreadyExists}, {@code CharLimitExceeded}, {@code InvalidOperation}
     *                         (content not valid for the schema), {@code IsolationDenied}
     */
    WriteResult create(BlockCreate block);

    /**
     * Creates a block, or atomically replaces an existing one at the same address (content, metadata
     * and history start over; the revision keeps counting up so replicas never see one reused).
     * Replacing needs {@link Access#DELETE} on the existing block.
     *
     * @throws MemoryException {@code CharLimitExceeded}, {@code InvalidOperation}, {@code IsolationDenied},
     *                         {@code PermissionDenied}
     * @since 1.1
     */
    WriteResult createOrReplace(BlockCreate block);

    /**
     * Applies an op on top of the current revision (last writer wins for non-commuting ops).
     *
     * @throws MemoryException {@code NotFound}, {@code PermissionDenied}, {@code IsolationDenied},
     *                         {@code CharLimitExceeded}, {@code InvalidOperation}, {@code ReadOnlyField}
     */
    WriteResult apply(BlockAddress address, MemoryOp op);

    /**
     * Applies an op if the block is still at {@code expectedRevision}; commuting ops apply regardless.
     *
     * @throws MemoryException as {@link #apply(BlockAddress, MemoryOp)}, plus {@code Conflict} with the
     *                         current revision and content
     */
    WriteResult apply(BlockAddress address, MemoryOp op, long expectedRevision);

    /**
     * Restores the content before the last op as a new revision.
     *
     * @return the new revision, or empty if there is nothing to undo
     * @throws MemoryException {@code NotFound}, {@code PermissionDenied} (needs overwrite)
     */
    Optional<WriteResult> undo(BlockAddress address);

    /**
     * Re-applies the last undone op as a new revision.
     *
     * @return the new revision, or empty if there is nothing to redo (any fresh write clears redo)
     * @throws MemoryException {@code NotFound}, {@code PermissionDenied}
     */
    Optional<WriteResult> redo(BlockAddress address);

    /** @throws MemoryException {@code NotFound} */
    HistoryDepth historyDepth(BlockAddress address);

    /**
     * The newest history entries, newest first.
     *
     * @param limit most entries to return, at least 1
     * @throws MemoryException {@code NotFound}
     */
    List<HistoryEntry> history(BlockAddress address, int limit);

    /**
     * Adds an immutable archival entry.
     *
     * @param metadataJson optional JSON object text
     * @throws MemoryException {@code InvalidOperation} (metadata not a JSON object), {@code IsolationDenied}
     */
    ArchivalEntry insertArchival(Scope scope, String content, Optional<String> metadataJson);

    /**
     * Searches blocks, archival, messages, tasks and skills at once, best hit first.
     *
     * @throws MemoryException {@code QueryError}
     */
    List<SearchHit> search(SearchQuery query);

    /**
     * Attaches a block to an agent with a permission (replacing an earlier attachment).
     *
     * @throws MemoryException {@code NotFound}, {@code PermissionDenied} (needs admin on the block)
     */
    SharedBlock share(BlockAddress address, String agentId, Permission permission);

    /** Detaches a block from an agent. @return false if it was not attached */
    boolean unshare(BlockAddress address, String agentId);

    /** The blocks attached to an agent. */
    List<SharedBlock> sharedWith(String agentId);

    /**
     * A view of this service bound to an agent's persona, project and isolation policy. Writes
     * through the view are still authored by the calling bundle.
     */
    MemoryService view(ScopeBinding binding);

    /**
     * This service with every write authored by {@code author} instead of the calling bundle: for host bundles
     * that act for someone else, such as the tasks bundle running an agent's tool call
     * ({@link Author.Agent}) or the console acting for its user ({@link Author.Human}). Reads, the view, and
     * the memory-sync origin (the calling bundle) stay as they are, so subscribers still see which bundle
     * relayed the change. Permissions are checked for {@code author}.
     *
     * <p>Only bundles the memory host trusts may do this (its configuration lists them; by default the
     * Trellis host bundles that act for agents and people).
     *
     * @throws SecurityException if the calling bundle is not trusted to write for others; nothing changes
     * @since 1.2
     */
    MemoryService actingFor(Author author);
}
