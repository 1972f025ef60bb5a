package dev.trellis.api.memory;

import java.util.Objects;

/**
 * A block as of one revision.
 *
 * @param metadata    everything but the content
 * @param content     the content in its schema's text form (see {@link Schema})
 * @param revision    1 after creation, +1 for every committed operation; never reused, also not by undo
 * @param contentHash lowercase hex SHA-256 of the UTF-8 bytes of {@code content}
 */
public record Block(BlockMetadata metadata, String content, long revision, String contentHash) {

    /** @throws IllegalArgumentException if {@code revision < 1} or a field is null */
    public Block {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentHash, "contentHash");
        if (revision < 1) {
            throw new IllegalArgumentException("block " + metadata.address() + ": revision must be >= 1, was " + revision);
        }
    }

    /** Shorthand for {@code metadata().address()}. */
    public BlockAddress address() {
        return metadata.address();
    }
}
