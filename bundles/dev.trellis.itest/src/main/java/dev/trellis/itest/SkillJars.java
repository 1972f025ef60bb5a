package dev.trellis.itest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.BundleContext;

/** The example skills plugin's jar, and hand-made bundles that carry skill files. */
final class SkillJars {

    /** Run property (itest.bndrun) holding the path of the built dev.trellis.example.skills jar. */
    static final String EXAMPLE_JAR_PROPERTY = "itest.skills.jar";
    static final String EXAMPLE_BSN = "dev.trellis.example.skills";

    private SkillJars() {}

    static Path exampleJar(BundleContext ctx) {
        String path = ctx.getProperty(EXAMPLE_JAR_PROPERTY);
        if (path == null) {
            throw new IllegalStateException("run property " + EXAMPLE_JAR_PROPERTY + " is not set (see bndrun/itest.bndrun)");
        }
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(EXAMPLE_JAR_PROPERTY + " points to " + jar
                    + ", which is not a file; build dev.trellis.example.skills first");
        }
        return jar;
    }

    /** A bundle {@code bsn} with {@code Trellis-Skills: <header>} and the given entries (path → text). */
    static byte[] withSkills(String bsn, String header, Map<String, String> entries) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", bsn);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Trellis-Skills", header);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String skill(String name, String description, String body) {
        return "---\nname: " + name + "\ndescription: " + description + "\n---\n\n" + body;
    }
}
