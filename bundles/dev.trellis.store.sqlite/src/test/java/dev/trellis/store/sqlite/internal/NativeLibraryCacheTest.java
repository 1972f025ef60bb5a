package dev.trellis.store.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

class NativeLibraryCacheTest {

    @TempDir
    Path dir;

    private static URL bundled() {
        URL url = SQLiteJDBCLoader.class.getResource(LibraryLoaderUtil.getNativeLibResourcePath() + "/"
                + LibraryLoaderUtil.getNativeLibName());
        assertThat(url).as("sqlite-jdbc ships a library for this platform").isNotNull();
        return url;
    }

    @Test
    void extractsOnceAndLeavesAnIntactCopyAlone() throws Exception {
        URL bundled = bundled();
        Path target = dir.resolve("a/b/" + LibraryLoaderUtil.getNativeLibName());

        NativeLibraryCache.ensure(bundled, target);
        byte[] expected;
        try (var in = bundled.openStream()) {
            expected = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(expected);

        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(target, old);
        NativeLibraryCache.ensure(bundled, target);
        assertThat(Files.getLastModifiedTime(target)).as("not rewritten").isEqualTo(old);
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aTruncatedCopyIsReplaced() throws Exception {
        URL bundled = bundled();
        Path target = dir.resolve(LibraryLoaderUtil.getNativeLibName());
        Files.write(target, new byte[] {1, 2, 3});

        NativeLibraryCache.ensure(bundled, target);

        try (var in = bundled.openStream()) {
            assertThat(Files.readAllBytes(target)).isEqualTo(in.readAllBytes());
        }
    }
}
