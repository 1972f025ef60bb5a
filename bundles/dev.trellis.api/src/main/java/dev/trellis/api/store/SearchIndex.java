package dev.trellis.api.store;

import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Full-text search over the content this store indexes (blocks, archival, task items since 1.2; further
 * kinds come with later minor versions). BM25-ranked, best first; scores normalized to [0, 1].
 */
@ProviderType
public interface SearchIndex {

    /**
     * Runs {@code query} over the scopes it names. The caller resolves an empty scope list to the
     * scopes the asking agent may see before calling; the store treats an empty list as "no scopes" and
     * returns nothing. Content types this store does not index are skipped.
     *
     * @throws StoreException {@code BAD_QUERY} if the text is not valid full-text syntax
     */
    List<SearchHit> search(SearchQuery query);
}
