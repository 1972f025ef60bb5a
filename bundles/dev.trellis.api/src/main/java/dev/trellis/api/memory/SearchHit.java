package dev.trellis.api.memory;

import java.util.Objects;

/**
 * One search result.
 *
 * @param kind    what was found
 * @param scope   the scope it belongs to
 * @param ref     what to open it with: the block label ({@code BLOCK}, {@code SKILL}), the archival
 *                id ({@code ARCHIVAL}), the message id ({@code MESSAGE}), {@code handle#item}
 *                ({@code TASK})
 * @param score   relevance in [0, 1], higher is better; comparable within one result list only
 * @param snippet a short excerpt around the match
 */
public record SearchHit(ContentType kind, Scope scope, String ref, double score, String snippet) {
    public SearchHit {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(snippet, "snippet");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
    }
}
