package dev.trellis.memory.internal.core;

import dev.trellis.api.memory.Access;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.Permission;
import java.util.OptionalLong;

/** Checks every write goes through before anything is stored: permission, revision, char limit. */
public final class WriteRules {

    private WriteRules() {
    }

    /**
     * Permission ladder check. System writes skip it; a human may write {@code partner}/{@code human}
     * blocks (those levels exist to keep agents and plugins out); everyone else needs
     * {@code permission >= access.required()}.
     *
     * @throws dev.trellis.api.memory.MemoryException {@code PermissionDenied}
     */
    public static void checkPermission(BlockAddress address, Permission permission, Access access, Author author) {
        if (author instanceof Author.System) {
            return;
        }
        boolean humanLevel = permission == Permission.PARTNER || permission == Permission.HUMAN;
        if (author instanceof Author.Human && humanLevel && access != Access.DELETE) {
            return;
        }
        if (!permission.allows(access)) {
            throw Errors.of(new MemoryError.PermissionDenied(address, access, permission));
        }
    }

    /**
     * Revision check: commuting ops always apply; others with an expected revision that is not current
     * fail with the current revision and content.
     *
     * @throws dev.trellis.api.memory.MemoryException {@code Conflict}
     */
    public static void checkRevision(Block current, MemoryOp op, OptionalLong expectedRevision) {
        if (op.commutes() || expectedRevision.isEmpty()) {
            return;
        }
        long expected = expectedRevision.getAsLong();
        if (expected != current.revision()) {
            throw Errors.of(new MemoryError.Conflict(current.address(), expected, current.revision(), current.content()));
        }
    }

    /**
     * Char limit check on content about to be stored; counts UTF-16 chars like {@link String#length()}.
     *
     * @throws dev.trellis.api.memory.MemoryException {@code CharLimitExceeded}
     */
    public static void checkCharLimit(BlockAddress address, int limit, String content) {
        if (content.length() > limit) {
            throw Errors.of(new MemoryError.CharLimitExceeded(address, limit, content.length()));
        }
    }
}
