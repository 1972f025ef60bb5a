package dev.trellis.store.sqlite.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps sqlite-jdbc's native library extracted beside the database. Left alone, sqlite-jdbc copies
 * the library into {@code java.io.tmpdir} under a fresh name on every start and then compares the copy
 * with the bundled one byte by byte, which showed up as the largest single item of the host's start-up
 * profile. It loads a library from a directory named by its documented system properties
 * {@value #PATH_PROPERTY} / {@value #NAME_PROPERTY} instead, so this class extracts the library once
 * per sqlite-jdbc version and platform and points those properties at it. The directory sits in the
 * Trellis home (mode 0700), not in a shared temp directory, so nobody else can plant a library there.
 */
final class NativeLibraryCache {

    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private NativeLibraryCache() {
    }

    /**
     * Makes sure the library is extracted under {@code cacheRoot} and tells sqlite-jdbc to load it from
     * there, unless someone already chose a library (the properties are set) or sqlite-jdbc has none
     * for this platform (it then tries the system library as usual).
     *
     * @return the library file used, or empty if nothing was changed
     * @throws IOException if the copy cannot be written; sqlite-jdbc then extracts as it always did
     */
    static Optional<Path> useCachedCopy(Path cacheRoot) throws IOException {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return Optional.empty();
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        String folder = LibraryLoaderUtil.getNativeLibResourcePath();
        URL bundled = SQLiteJDBCLoader.class.getResource(folder + "/" + name);
        if (bundled == null) {
            return Optional.empty();
        }
        Path dir = cacheRoot.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
                .resolve(folder.replaceFirst("^/+", "").replaceFirst("^org/sqlite/native/", ""));
        Path lib = ensure(bundled, dir.resolve(name));
        System.setProperty(NAME_PROPERTY, name);
        System.setProperty(PATH_PROPERTY, dir.toString());
        return Optional.of(lib);
    }

    /**
     * {@code target} holds the bytes of {@code bundled}: left as it is when its size matches, else
     * written to a temporary file in the same directory and moved into place, so a crash never leaves
     * a half-written library where the next start would load it.
     */
    static Path ensure(URL bundled, Path target) throws IOException {
        URLConnection connection = bundled.openConnection();
        long size = connection.getContentLengthLong();
        if (size >= 0 && Files.isRegularFile(target) && Files.size(target) == size) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
        return target;
    }
}
