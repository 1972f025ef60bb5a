package dev.trellis.itest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/** Bundle jars the tests drop: the example hello plugin, re-versioned copies of it, and hand-made ones. */
final class Jars {

    /** Run property (itest.bndrun) holding the path of the built dev.trellis.example.hello jar. */
    static final String HELLO_JAR_PROPERTY = "itest.hello.jar";
    static final String HELLO_BSN = "dev.trellis.example.hello";

    private Jars() {}

    static Path helloJar(BundleContext ctx) {
        String path = ctx.getProperty(HELLO_JAR_PROPERTY);
        if (path == null) {
            throw new IllegalStateException("run property " + HELLO_JAR_PROPERTY + " is not set (see bndrun/itest.bndrun)");
        }
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(HELLO_JAR_PROPERTY + " points to " + jar + ", which is not a file; build the hello bundle first");
        }
        return jar;
    }

    static Version versionOf(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            return Version.parseVersion(in.getManifest().getMainAttributes().getValue(Constants.BUNDLE_VERSION));
        }
    }

    /** A copy of {@code jar} whose manifest says {@code Bundle-Version: version}; all other entries unchanged. */
    static byte[] withVersion(Path jar, Version version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue(Constants.BUNDLE_VERSION, version.toString());
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /** A jar holding only a manifest with the given main attributes (plus Manifest-Version). */
    static byte[] manifestOnly(Map<String, String> headers) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach(main::putValue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            // the manifest is the whole content
        }
        return bytes.toByteArray();
    }
}
