package dev.trellis.store.sqlite.internal;

import dev.trellis.api.store.StoreService;
import dev.trellis.api.store.Work;
import java.io.IOException;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link StoreService} of record. Activation opens and migrates the file, so the service exists
 * only for a migrated store; a refused or broken file fails activation (SCR records the message,
 * the Web Console shows it). Migrations are a few DDL statements, fast enough for activate.
 * Immediate, so that failure shows at start rather than at first use.
 */
@Component(service = StoreService.class, configurationPid = "dev.trellis.store.sqlite", immediate = true,
        property = "store.kind=sqlite")
@Designate(ocd = StoreConfig.class)
public final class SqliteStore implements StoreService {

    private final SqliteDatabase database;

    @Activate
    public SqliteStore(BundleContext context, StoreConfig config,
            @Reference(service = LoggerFactory.class) Logger log) {
        var file = StorePaths.resolve(config.path(), context.getProperty("trellis.home"), System.getenv("TRELLIS_HOME"),
                System.getProperty("user.home"));
        try {
            NativeLibraryCache.useCachedCopy(file.getParent().resolve("native"));
        } catch (IOException | RuntimeException e) {
            // Only a start-up saving: sqlite-jdbc then extracts its library itself, as it always did.
            log.warn("store: could not keep sqlite-jdbc's native library beside {} ({}); sqlite-jdbc extracts it itself",
                    file, e.toString());
        }
        this.database = SqliteDatabase.open(new SqliteDatabase.Settings(file,
                Duration.ofMillis(Math.max(0, config.busy_timeout_ms())), Math.max(1, config.read_pool_size())));
    }

    @Deactivate
    void deactivate() {
        database.close();
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        return database.inTransaction(work);
    }

    @Override
    public <T> T read(Work<T> work) {
        return database.read(work);
    }
}
