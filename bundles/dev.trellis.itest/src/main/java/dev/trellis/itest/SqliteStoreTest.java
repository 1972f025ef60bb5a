package dev.trellis.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.SearchHit;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.store.StoreException;
import dev.trellis.api.store.StoreService;
import dev.trellis.api.store.StoreTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.Hashtable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The SQLite store resolves, loads its native library inside Felix and serves the store SPI. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class SqliteStoreTest {

    @InjectBundleContext
    BundleContext ctx;

    @Test
    void sqliteLoadsItsNativeLibraryFromTheCopyBesideTheDatabase(@InjectService(timeout = 10_000) StoreService store)
            throws Exception {
        store.read((StoreTransaction tx) -> tx.blocks()); // the library is loaded by now
        Path native_ = Path.of(ctx.getProperty("trellis.home")).toRealPath().resolve("native");
        String dir = System.getProperty("org.sqlite.lib.path");
        assertThat(dir).as("sqlite-jdbc pointed at the cached copy").isNotNull();
        assertThat(Path.of(dir).toRealPath()).startsWith(native_);
        Path lib = Path.of(dir, System.getProperty("org.sqlite.lib.name"));
        assertThat(lib).isRegularFile();
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) { // Linux: the mapped file is the cached one, not a fresh copy in java.io.tmpdir
            assertThat(Files.readString(maps)).contains(lib.toRealPath().toString());
        }
    }

    @Test
    void storeIsRegisteredByTheSqliteBundleOnTheTrellisHomeFile(@InjectService(timeout = 10_000) StoreService store) {
        ServiceReference<StoreService> ref = ctx.getServiceReference(StoreService.class);
        assertThat(ref.getBundle().getSymbolicName()).isEqualTo("dev.trellis.store.sqlite");
        assertThat(ref.getProperty("store.kind")).isEqualTo("sqlite");
        assertThat(Arrays.stream(ctx.getBundles()).filter(b -> b.getSymbolicName().equals("org.xerial.sqlite-jdbc")))
                .singleElement().extracting(Bundle::getState).isEqualTo(Bundle.ACTIVE);
        String home = ctx.getProperty("trellis.home");
        assertThat(home).as("itest.bndrun sets trellis.home so tests never write to ~/.trellis").isNotBlank();
        assertThat(Files.isRegularFile(Path.of(home, "trellis.db"))).isTrue();
    }

    @Test
    void writesAndFullTextSearchWorkThroughTheNativeLibrary(@InjectService(timeout = 10_000) StoreService store) {
        // a fresh scope per run: the itest home survives between runs until `mvn clean`
        Scope scope = Scope.local("itest-" + Long.toString(System.nanoTime(), 36));
        Instant now = Instant.now();
        var meta = new BlockMetadata(BlockAddress.of(scope, "notes"), Tier.WORKING, Schema.TEXT, "itest notes",
                BlockMetadata.DEFAULT_CHAR_LIMIT, Permission.READ_WRITE, false, now, now, new Author.System("itest"));
        var block = new Block(meta, "the osgi heron nests by the river", 1,
                "0000000000000000000000000000000000000000000000000000000000000000");
        long archived = store.inTransaction((StoreTransaction tx) -> {
            tx.blocks().insert(block);
            return tx.archival().insert(scope, "a heron was seen at dawn", Optional.empty()).id();
        });

        assertThat(store.read((StoreTransaction tx) -> tx.blocks().find(block.address()))).contains(block);
        List<SearchHit> hits = store.read((StoreTransaction tx) -> tx.search().search(
                new SearchQuery("heron", EnumSet.allOf(ContentType.class), List.of(scope), 10)));
        assertThat(hits).extracting(h -> h.kind() + ":" + h.ref())
                .containsExactlyInAnyOrder("BLOCK:notes", "ARCHIVAL:" + archived);
        assertThatThrownBy(() -> store.read((StoreTransaction tx) -> tx.search().search(
                new SearchQuery("heron AND", EnumSet.allOf(ContentType.class), List.of(scope), 10))))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.BAD_QUERY))
                .hasMessageContaining("'heron AND'");
    }

    @Test
    void aFileThatIsNotADatabaseFailsActivationWithALocatedErrorAndAFixedConfigRecovers(
            @InjectService ConfigurationAdmin cm, @InjectService ServiceComponentRuntime scr,
            @InjectService(cardinality = 0, timeout = 10_000) ServiceAware<StoreService> stores) throws Exception {
        Path bad = Path.of(ctx.getProperty("trellis.home"), "not-a-database-" + System.nanoTime() + ".txt");
        Files.writeString(bad, "plain text, long enough to fill what SQLite reads as a database header...........");
        Configuration config = cm.getConfiguration(PID, "?");
        try {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("path", bad.toString());
            config.update(props);
            await("store fails activation on " + bad).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(
                        Arrays.stream(ctx.getBundles()).filter(b -> b.getSymbolicName().equals(PID)).findFirst().orElseThrow(),
                        "dev.trellis.store.sqlite.internal.SqliteStore");
                assertThat(scr.getComponentConfigurationDTOs(description)).singleElement().satisfies(c -> {
                    assertThat(c.state).isEqualTo(ComponentConfigurationDTO.FAILED_ACTIVATION);
                    assertThat(c.failure).contains("CORRUPT").contains(bad.toString());
                });
                assertThat(stores.isEmpty()).isTrue();
            });
        } finally {
            config.delete();
            Files.deleteIfExists(bad);
        }
        await("store back on the default file").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stores.isEmpty()).isFalse());
        assertThat(stores.getService().read((StoreTransaction tx) -> tx.blocks().list(dev.trellis.api.memory.ListFilter.ALL)))
                .isNotNull();
    }

    private static final String PID = "dev.trellis.store.sqlite";
}
