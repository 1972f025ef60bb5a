/**
 * The SQLite store: {@link dev.trellis.store.sqlite.internal.SqliteStore} (the DS component) over
 * {@link dev.trellis.store.sqlite.internal.SqliteDatabase} (connections, transactions, migrations).
 * All SQL of Trellis lives in this package. Private to the bundle.
 */
package dev.trellis.store.sqlite.internal;
