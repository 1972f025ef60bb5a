package dev.trellis.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarProblemTest {

    @TempDir
    Path dir;

    @Test
    void randomBytesAreNotAZip() throws IOException {
        Path jar = Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThat(JarProblem.of(jar)).hasValueSatisfying(r -> assertThat(r).startsWith("not a zip/jar archive"));
    }

    @Test
    void zipWithoutManifestIsReported() throws IOException {
        Path jar = dir.resolve("plain.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("hello.txt"));
            zip.write("hi".getBytes());
        }
        assertThat(JarProblem.of(jar)).hasValueSatisfying(r -> assertThat(r).contains("no META-INF/MANIFEST.MF"));
    }

    @Test
    void jarWithManifestIsFine() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "x");
        Path jar = dir.resolve("ok.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.putNextEntry(new ZipEntry("a.txt"));
        }
        assertThat(JarProblem.of(jar)).isEmpty();
    }
}
