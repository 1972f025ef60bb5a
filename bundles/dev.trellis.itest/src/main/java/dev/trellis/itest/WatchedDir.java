package dev.trellis.itest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A fresh temp directory watched by its own File Install watcher, created the way the product's
 * deploy/ watcher is: a factory configuration of {@code org.apache.felix.fileinstall}. Files are
 * put in place by an atomic move from a staging directory so the watcher never reads half a file.
 *
 * <p>{@link #close()} removes everything the watcher did (the watcher does not undo its work when
 * its configuration goes away): bundles installed from the directory and configurations created
 * from its files.
 */
final class WatchedDir implements AutoCloseable {

    static final String FILE_INSTALL_FACTORY_PID = "org.apache.felix.fileinstall";
    /** Property File Install sets on configurations it created from a file (the file's URI). */
    static final String FILENAME_PROPERTY = "felix.fileinstall.filename";
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String MARKER_PID = "dev.trellis.itest.scanmarker";

    private final BundleContext ctx;
    private final ConfigurationAdmin cm;
    private final Path dir;
    private final Path staging;
    private final Configuration watcher;
    private final AtomicInteger markers = new AtomicInteger();

    private WatchedDir(BundleContext ctx, ConfigurationAdmin cm, Path dir, Path staging, Configuration watcher) {
        this.ctx = ctx;
        this.cm = cm;
        this.dir = dir;
        this.staging = staging;
        this.watcher = watcher;
    }

    /** Creates a temp dir and a File Install watcher polling it every 100 ms. */
    static WatchedDir start(BundleContext ctx, ConfigurationAdmin cm, String prefix) throws IOException {
        Path dir = Files.createTempDirectory("trellis-itest-" + prefix + "-").toRealPath();
        Path staging = Files.createTempDirectory("trellis-itest-staging-").toRealPath();
        Configuration watcher = cm.createFactoryConfiguration(FILE_INSTALL_FACTORY_PID, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("felix.fileinstall.dir", dir.toString());
        props.put("felix.fileinstall.poll", "100");
        props.put("felix.fileinstall.noInitialDelay", "true");
        watcher.update(props);
        return new WatchedDir(ctx, cm, dir, staging, watcher);
    }

    Path dir() {
        return dir;
    }

    /** Puts {@code content} at {@code name} in the watched dir in one atomic step. */
    Path put(String name, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(staging, name, ".part");
        Files.write(tmp, content);
        return Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Copies {@code source} to {@code name} in the watched dir in one atomic step. */
    Path putCopy(String name, Path source) throws IOException {
        return put(name, Files.readAllBytes(source));
    }

    void delete(String name) throws IOException {
        Files.delete(dir.resolve(name));
    }

    /** The bundle File Install installed from {@code name}, if any. */
    Optional<Bundle> bundleFrom(String name) {
        String suffix = dir.resolve(name).toString();
        return Stream.of(ctx.getBundles()).filter(b -> b.getLocation().endsWith(suffix)).findFirst();
    }

    /** Waits until File Install installed {@code name} as a bundle and it is ACTIVE. */
    Bundle awaitActiveBundle(String name) {
        return await("bundle from " + name + " ACTIVE").atMost(TIMEOUT)
                .until(() -> bundleFrom(name).filter(b -> b.getState() == Bundle.ACTIVE), Optional::isPresent)
                .orElseThrow();
    }

    /**
     * Returns once the watcher has scanned everything put here so far. Scans see the directory as a
     * whole, so once a marker file written after the other files is applied, the files before it
     * have been processed too. This is how a test waits for "nothing happened" without sleeping.
     */
    void awaitScan() throws IOException {
        int seq = markers.incrementAndGet();
        put(MARKER_PID + ".cfg", ("seq=" + seq + "\n").getBytes());
        String filter = "(&(service.pid=" + MARKER_PID + ")(seq=" + seq + "))";
        await("File Install scan of " + dir).atMost(TIMEOUT).until(() -> cm.listConfigurations(filter) != null);
    }

    @Override
    public void close() throws Exception {
        watcher.delete();
        String dirUri = dir.toUri().getPath();
        for (Bundle b : ctx.getBundles()) {
            if (b.getLocation().contains(dirUri)) {
                try {
                    b.uninstall();
                } catch (BundleException | IllegalStateException e) {
                    // Already gone: the watcher may still have been processing a deletion.
                }
            }
        }
        Configuration[] made = cm.listConfigurations("(" + FILENAME_PROPERTY + "=*)");
        if (made != null) {
            for (Configuration c : made) {
                Object file = c.getProperties().get(FILENAME_PROPERTY);
                if (file != null && file.toString().contains(dirUri)) {
                    c.delete();
                }
            }
        }
        deleteTree(dir);
        deleteTree(staging);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
