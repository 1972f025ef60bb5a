package dev.trellis.gateway.itest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A temporary directory watched by a File Install watcher of its own, set up like the product's deploy/
 * watcher (a factory configuration of {@code org.apache.felix.fileinstall}). Jars arrive by an atomic move,
 * so the watcher never sees half a file. {@link #close()} deletes the watcher and uninstalls what it installed.
 */
final class DropDir implements AutoCloseable {

    private final BundleContext ctx;
    private final Path dir;
    private final Path staging;
    private final Configuration watcher;

    private DropDir(BundleContext ctx, Path dir, Path staging, Configuration watcher) {
        this.ctx = ctx;
        this.dir = dir;
        this.staging = staging;
        this.watcher = watcher;
    }

    static DropDir watch(BundleContext ctx, ConfigurationAdmin cm) throws IOException {
        Path dir = Files.createTempDirectory("trellis-gateway-drop-").toRealPath();
        Path staging = Files.createTempDirectory("trellis-gateway-staging-").toRealPath();
        Configuration c = cm.createFactoryConfiguration("org.apache.felix.fileinstall", "?");
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("felix.fileinstall.dir", dir.toString());
        p.put("felix.fileinstall.poll", "100");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.enableConfigSave", "false");
        c.update(p);
        return new DropDir(ctx, dir, staging, c);
    }

    Path staging() {
        return staging;
    }

    /** Moves {@code jar} to {@code name} in the watched directory in one step (replacing what was there). */
    void drop(Path jar, String name) throws IOException {
        Path tmp = staging.resolve(name + ".part");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The bundle File Install installed from {@code name}, if any. */
    Optional<Bundle> bundle(String name) {
        String path = dir.resolve(name).toString();
        return Stream.of(ctx.getBundles()).filter(b -> b.getLocation().endsWith(path)).findFirst();
    }

    @Override
    public void close() throws IOException {
        watcher.delete();
        for (Bundle b : ctx.getBundles()) {
            if (b.getLocation().contains(dir.toString())) {
                try {
                    b.uninstall();
                } catch (BundleException | IllegalStateException gone) {
                    // the watcher may have uninstalled it already
                }
            }
        }
        for (Path d : new Path[] {dir, staging}) {
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(d);
        }
    }
}
