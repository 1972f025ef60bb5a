package dev.trellis.api.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything about a block except its content.
 *
 * @param address     where the block lives
 * @param tier        core or working
 * @param schema      shape of the content
 * @param description what the block is for, shown to agents next to the content (may be empty)
 * @param charLimit   most characters the content may hold; writes beyond it fail with
 *                    {@link MemoryError.CharLimitExceeded}
 * @param permission  what agents may do to the block
 * @param pinned      true if a working block stays in context
 * @param createdAt   when the block was created
 * @param updatedAt   when the last operation was committed
 * @param lastAuthor  who committed the last operation
 */
public record BlockMetadata(BlockAddress address, Tier tier, Schema schema, String description, int charLimit,
        Permission permission, boolean pinned, Instant createdAt, Instant updatedAt, Author lastAuthor) {

    /** Char limit of a block created without one. */
    public static final int DEFAULT_CHAR_LIMIT = 5000;

    /** @throws IllegalArgumentException if {@code charLimit < 1} or a field is null */
    public BlockMetadata {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastAuthor, "lastAuthor");
        if (charLimit < 1) {
            throw new IllegalArgumentException("block " + address + ": charLimit must be >= 1, was " + charLimit);
        }
    }
}
