package dev.trellis.store.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StorePathsTest {

    @Test
    void homeComesFromThePropertyThenTheEnvironmentThenTheUserHome() {
        assertThat(StorePaths.resolve(StorePaths.DEFAULT, "/srv/a", "/srv/b", "/home/u")).isEqualTo(Path.of("/srv/a/trellis.db"));
        assertThat(StorePaths.resolve(StorePaths.DEFAULT, null, "/srv/b", "/home/u")).isEqualTo(Path.of("/srv/b/trellis.db"));
        assertThat(StorePaths.resolve(StorePaths.DEFAULT, " ", "", "/home/u")).isEqualTo(Path.of("/home/u/.trellis/trellis.db"));
        assertThat(StorePaths.resolve("", null, null, "/home/u")).isEqualTo(Path.of("/home/u/.trellis/trellis.db"));
    }

    @Test
    void anExplicitPathIsUsedAsIs() {
        assertThat(StorePaths.resolve("/data/x/../store.db", "/srv/a", null, "/home/u")).isEqualTo(Path.of("/data/store.db"));
        assertThat(StorePaths.resolve("${trellis.home}/db/main.db", "/srv/a", null, "/home/u"))
                .isEqualTo(Path.of("/srv/a/db/main.db"));
    }

    @Test
    void theMigrationIndexListsEveryMigrationFileInOrder() throws Exception {
        List<String> loaded = Migrations.load().stream().map(Migration::fileName).toList();
        Path folder = Path.of(Migrations.class.getResource(Migrations.FOLDER + "index").toURI()).getParent();
        List<String> onDisk = new ArrayList<>();
        try (Stream<Path> files = java.nio.file.Files.list(folder)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().forEach(onDisk::add);
        }
        assertThat(loaded).isEqualTo(onDisk);
        // each file's number is its version; numbers increase (gaps are other branches' numbers)
        List<Migration> migrations = Migrations.load();
        for (int i = 0; i < migrations.size(); i++) {
            assertThat(migrations.get(i).version()).isEqualTo(Integer.parseInt(loaded.get(i).substring(1, 4)));
            if (i > 0) {
                assertThat(migrations.get(i).version()).isGreaterThan(migrations.get(i - 1).version());
            }
        }
    }
}
