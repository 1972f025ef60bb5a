package dev.trellis.deploy.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/** Finds why a file named {@code *.jar} cannot be installed as a bundle, if it cannot. */
final class JarProblem {

    private JarProblem() {}

    /** @return the reason the jar is unusable, or empty when it is a readable jar with a manifest */
    static Optional<String> of(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return Optional.of("the jar has no META-INF/MANIFEST.MF, so it is not an OSGi bundle");
            }
            return Optional.empty();
        } catch (ZipException e) {
            return Optional.of("not a zip/jar archive (" + e.getMessage() + ")");
        } catch (IOException | SecurityException e) {
            return Optional.of("cannot be read: " + e);
        }
    }
}
