package dev.trellis.api.memory;

import java.util.Objects;

/**
 * What is needed to create a block.
 *
 * @param address     where the block will live; must not exist yet
 * @param tier        core or working
 * @param schema      shape of the content
 * @param description what the block is for (may be empty)
 * @param charLimit   most characters the content may hold ({@link BlockMetadata#DEFAULT_CHAR_LIMIT}
 *                    if unsure)
 * @param permission  what agents may do ({@link Permission#DEFAULT} if unsure)
 * @param pinned      keep a working block in context
 * @param content     initial content in the schema's text form; its length counts against
 *                    {@code charLimit}
 */
public record BlockCreate(BlockAddress address, Tier tier, Schema schema, String description, int charLimit,
        Permission permission, boolean pinned, String content) {

    /** @throws IllegalArgumentException if {@code charLimit < 1} or a field is null */
    public BlockCreate {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(content, "content");
        if (charLimit < 1) {
            throw new IllegalArgumentException("block " + address + ": charLimit must be >= 1, was " + charLimit);
        }
    }

    /** A working text block with default limit and permission. */
    public static BlockCreate text(BlockAddress address, String description, String content) {
        return new BlockCreate(address, Tier.WORKING, Schema.TEXT, description, BlockMetadata.DEFAULT_CHAR_LIMIT,
                Permission.DEFAULT, false, content);
    }
}
