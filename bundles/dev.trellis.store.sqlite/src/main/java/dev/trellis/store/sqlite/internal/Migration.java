package dev.trellis.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * One schema step: applying it brings the database to {@code version}.
 *
 * @param version  1-based, the {@code PRAGMA user_version} after it is applied
 * @param fileName resource name, {@code V<nnn>__<what>.sql}
 * @param sql      the statements, run as one script
 * @param after    work that SQL cannot express well (e.g. cutting text into chunks), run after the
 *                 script in the same transaction
 */
record Migration(int version, String fileName, String sql, Step after) {

    /** Java part of a migration. */
    @FunctionalInterface
    interface Step {
        Step NONE = c -> {
        };

        void run(Connection c) throws SQLException;
    }

    Migration {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(after, "after");
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be >= 1, was " + version);
        }
    }

    Migration(int version, String fileName, String sql) {
        this(version, fileName, sql, Step.NONE);
    }
}
