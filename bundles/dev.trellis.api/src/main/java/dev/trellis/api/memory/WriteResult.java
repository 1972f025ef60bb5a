package dev.trellis.api.memory;

import java.util.Objects;

/**
 * Outcome of a committed write.
 *
 * @param address     the block written
 * @param revision    the block's revision after the write
 * @param contentHash SHA-256 (lowercase hex) of the content after the write (see {@link Block#contentHash()})
 */
public record WriteResult(BlockAddress address, long revision, String contentHash) {
    public WriteResult {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(contentHash, "contentHash");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be >= 1, was " + revision);
        }
    }
}
