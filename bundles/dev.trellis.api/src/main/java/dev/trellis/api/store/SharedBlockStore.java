package dev.trellis.api.store;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.SharedBlock;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Blocks attached to agents that do not own their scope ({@link SharedBlock}). An attachment belongs
 * to the live block it was made on: once that block is deleted its attachments are gone from every
 * method here, and a block created later at the same address starts with none.
 *
 * <p>Ownership for {@link #hasSharedBlocksWith}: agent {@code x} owns the blocks of scope
 * {@code global:x} (its persona scope); project ({@code local:}) blocks have no owning agent.
 *
 * @since 1.1
 */
@ProviderType
public interface SharedBlockStore {

    /**
     * Attaches the live block at {@code share.address()} to {@code share.agentId()}, replacing the
     * permission and time of an earlier attachment to the same agent.
     *
     * @return false if no live block is stored at the address (nothing written)
     */
    boolean attach(SharedBlock share);

    /** @return false if the block was not attached to the agent (or is not live) */
    boolean detach(BlockAddress address, String agentId);

    /** @return the attachment of the live block at {@code address} to {@code agentId}, if any */
    Optional<SharedBlock> find(BlockAddress address, String agentId);

    /** Attachments of the live block at {@code address}, ordered by agent id. */
    List<SharedBlock> sharesOf(BlockAddress address);

    /** Live blocks attached to {@code agentId}, ordered by scope key then label. */
    List<SharedBlock> sharedWith(String agentId);

    /**
     * True if a live block owned by {@code agentA} is attached to {@code agentB}, or one owned by
     * {@code agentB} is attached to {@code agentA} (the cross-agent check of searches).
     */
    boolean hasSharedBlocksWith(String agentA, String agentB);
}
