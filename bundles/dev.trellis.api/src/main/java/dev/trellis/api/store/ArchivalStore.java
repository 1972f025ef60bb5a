package dev.trellis.api.store;

import dev.trellis.api.memory.ArchivalEntry;
import dev.trellis.api.memory.Scope;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Archival entries. There is no update: entries are immutable. */
@ProviderType
public interface ArchivalStore {

    /**
     * The distinct scopes that hold at least one archival entry, ordered by their text form.
     *
     * @since 1.1
     */
    java.util.List<Scope> scopesWithEntries();


    /** Stores a new entry and indexes it; the store assigns id and creation time. */
    ArchivalEntry insert(Scope scope, String content, Optional<String> metadataJson);

    /** @return the entry, or empty if there is none with that id */
    Optional<ArchivalEntry> find(long id);

    /** For admin surfaces only. @return false if there was no such entry */
    boolean delete(long id);
}
