package dev.trellis.store.sqlite.internal;

import java.util.Objects;

/**
 * One schema step: applying it brings the database to {@code version}.
 *
 * @param version  1-based, the {@code PRAGMA user_version} after it is applied
 * @param fileName resource name, {@code V<nnn>__<what>.sql}
 * @param sql      the statements, run as one script
 */
record Migration(int version, String fileName, String sql) {
    Migration {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sql, "sql");
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be >= 1, was " + version);
        }
    }
}
