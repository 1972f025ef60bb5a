package dev.trellis.gateway.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Manifest;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/** The provider bundles' jars as built, and copies of them that claim another Bundle-Version. */
final class ProviderJars {

    /** Run property (bndrun/itest-gateway.bndrun) holding the path of the built dev.trellis.provider.scripted jar. */
    static final String PROPERTY = "itest.scripted.jar";
    static final String BSN = "dev.trellis.provider.scripted";
    /** Run property holding the path of the built dev.trellis.provider.openai jar. */
    static final String OPENAI_PROPERTY = "itest.openai.jar";
    static final String OPENAI_BSN = "dev.trellis.provider.openai";

    private ProviderJars() {
    }

    static Path scripted(BundleContext ctx) {
        return jar(ctx, PROPERTY);
    }

    static Path openai(BundleContext ctx) {
        return jar(ctx, OPENAI_PROPERTY);
    }

    private static Path jar(BundleContext ctx, String property) {
        String path = ctx.getProperty(property);
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("run property " + property + " must name a built provider jar, was "
                    + path + " (see bndrun/itest-gateway.bndrun)");
        }
        return Path.of(path);
    }

    /** The Bundle-Version in {@code jar}'s manifest. */
    static Version version(Path jar) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of());
                InputStream in = Files.newInputStream(zip.getPath("META-INF", "MANIFEST.MF"))) {
            return Version.parseVersion(new Manifest(in).getMainAttributes().getValue(Constants.BUNDLE_VERSION));
        }
    }

    /** A copy of {@code jar} in {@code dir} whose manifest says {@code Bundle-Version: version}. */
    static Path withVersion(Path jar, Version version, Path dir) throws IOException {
        String name = jar.getFileName().toString().replaceFirst("-[0-9].*", "");
        Path copy = Files.createTempFile(dir, name + "-" + version, ".jar");
        Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + copy.toUri()), Map.of())) {
            Path mf = zip.getPath("META-INF", "MANIFEST.MF");
            Manifest manifest;
            try (InputStream in = Files.newInputStream(mf)) {
                manifest = new Manifest(in);
            }
            manifest.getMainAttributes().putValue(Constants.BUNDLE_VERSION, version.toString());
            try (OutputStream out = Files.newOutputStream(mf)) {
                manifest.write(out);
            }
        }
        return copy;
    }
}
