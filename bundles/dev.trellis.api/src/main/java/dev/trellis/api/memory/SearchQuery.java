package dev.trellis.api.memory;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A full-text query over memory (BM25-ranked).
 *
 * @param text   the query in full-text syntax (words, "phrases", OR, prefix*); invalid syntax is
 *               {@link MemoryError.QueryError}
 * @param types  which kinds of content to search; never empty
 * @param scopes which scopes to search; empty means every scope the caller's view can read
 * @param limit  most hits to return, 1 to {@link #MAX_LIMIT}
 */
public record SearchQuery(String text, Set<ContentType> types, List<Scope> scopes, int limit) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 200;

    public SearchQuery {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("search text is blank");
        }
        types = Set.copyOf(Objects.requireNonNull(types, "types"));
        if (types.isEmpty()) {
            throw new IllegalArgumentException("search types are empty");
        }
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("search limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Everything visible, default limit. */
    public static SearchQuery of(String text) {
        return new SearchQuery(text, EnumSet.allOf(ContentType.class), List.of(), DEFAULT_LIMIT);
    }
}
