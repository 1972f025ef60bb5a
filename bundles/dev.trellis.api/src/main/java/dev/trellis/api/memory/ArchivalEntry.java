package dev.trellis.api.memory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable entry of archival memory: long-term text an agent can insert and search but never
 * change or delete (deletion is for admin surfaces only).
 *
 * @param id           store-assigned id, positive
 * @param scope        the scope it belongs to
 * @param content      the text
 * @param metadataJson optional JSON object text supplied at insert
 * @param createdAt    when it was inserted
 */
public record ArchivalEntry(long id, Scope scope, String content, Optional<String> metadataJson, Instant createdAt) {
    public ArchivalEntry {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(metadataJson, "metadataJson");
        Objects.requireNonNull(createdAt, "createdAt");
        if (id < 1) {
            throw new IllegalArgumentException("archival id must be >= 1, was " + id);
        }
    }
}
