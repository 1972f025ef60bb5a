/**
 * The store SPI: what a store bundle ({@code dev.trellis.store.sqlite}, later a PostgreSQL one)
 * offers to the memory bundle. It speaks in memory types, never in SQL, so a store can be replaced
 * without touching its users. All work happens inside a
 * {@link dev.trellis.api.store.StoreService#inTransaction transaction}; indexes (full text) are
 * updated by the store in the same transaction as the rows they index.
 *
 * <p>Store bundles <em>implement</em> these interfaces and are the providers of this package, so the
 * interfaces are {@code @ProviderType}: adding a method is a minor version change, and bnd gives
 * implementing bundles a narrow import range so a stale store cannot resolve against a newer API.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package dev.trellis.api.store;
