package dev.trellis.memory.replica;

import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.sync.SyncFilter;
import dev.trellis.api.memory.BlockMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The ops a replica can replay on its own copy: those whose result depends only on the content, for
 * plain-text schemas. JSON schemas are normalized by the host (and log entries stamped), so for them a
 * replica re-reads instead of guessing.
 */
final class LocalOps {

    private LocalOps() {
    }

    /** The content after {@code op}, or empty if the replica cannot compute it exactly. */
    static Optional<String> apply(Schema schema, String content, MemoryOp op) {
        boolean plain = schema == Schema.TEXT || schema == Schema.SKILL;
        return switch (op) {
            case MemoryOp.Set set when plain -> Optional.of(set.content());
            case MemoryOp.Append append when plain -> Optional.of(content + append.text());
            case MemoryOp.Replace replace when plain && content.contains(replace.oldText()) ->
                    Optional.of(content.replace(replace.oldText(), replace.newText()));
            default -> Optional.empty();
        };
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes, as in {@code Block.contentHash()}. */
    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // every JDK ships SHA-256
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    /** True if a block with this metadata belongs to the filter's selection (same rule as the host's). */
    static boolean matches(SyncFilter filter, BlockMetadata m) {
        return switch (filter) {
            case SyncFilter.ByPattern p -> p.scope().map(m.address().scope()::equals).orElse(true)
                    && m.address().label().startsWith(p.labelPrefix())
                    && p.schema().map(m.schema()::equals).orElse(true);
            case SyncFilter.Addresses a -> a.addresses().contains(m.address());
        };
    }
}
