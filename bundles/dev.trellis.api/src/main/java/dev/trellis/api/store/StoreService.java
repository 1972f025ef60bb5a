package dev.trellis.api.store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs units of work against the store of record. Registered by the store bundle once its schema is
 * migrated and it is ready to serve; its absence means no store.
 *
 * <p>Transactions are serializable with respect to each other. Writers may be serialized (SQLite);
 * a caller waiting longer than the store's busy timeout gets {@link StoreException.Reason#BUSY}.
 */
@ProviderType
public interface StoreService {

    /**
     * Runs {@code work} in a read-write transaction and commits it.
     *
     * @return what {@code work} returned
     * @throws StoreException if the store fails; nothing was committed
     * @throws RuntimeException whatever {@code work} threw; nothing was committed
     */
    <T> T inTransaction(Work<T> work);

    /**
     * Runs {@code work} in a read-only transaction that sees one consistent state. Writes through
     * {@code tx} fail with {@link IllegalStateException}.
     *
     * @throws StoreException if the store fails
     */
    <T> T read(Work<T> work);
}
