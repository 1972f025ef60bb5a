package dev.trellis.store.sqlite.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis SQLite store",
        description = "The store of record: one SQLite file in WAL mode, migrated at start.")
@interface StoreConfig {

    @AttributeDefinition(name = "Database file",
            description = "Path of the SQLite file. ${trellis.home} stands for the Trellis home: the framework"
                    + " property trellis.home, else the environment variable TRELLIS_HOME, else ~/.trellis.")
    String path() default StorePaths.DEFAULT;

    @AttributeDefinition(name = "Busy timeout (ms)", min = "0",
            description = "Longest a transaction waits for the single writer or a free read connection before"
                    + " failing with BUSY.")
    int busy_timeout_ms() default 5000;

    @AttributeDefinition(name = "Read connections", min = "1", max = "32",
            description = "Connections for read transactions; reads run beside the one writer (WAL).")
    int read_pool_size() default 4;
}
