package dev.trellis.api.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * A block attached to an agent that does not own its scope, with the permission that agent gets.
 * The effective permission is the lower of this and the block's own permission.
 *
 * @param address    the shared block
 * @param agentId    the agent it is attached to
 * @param permission what that agent may do
 * @param attachedAt when it was attached
 */
public record SharedBlock(BlockAddress address, String agentId, Permission permission, Instant attachedAt) {
    public SharedBlock {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(attachedAt, "attachedAt");
    }
}
