package dev.trellis.console.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.console.internal.security.ConsolePassword.ConsolePasswordException;
import dev.trellis.console.internal.security.ConsolePassword.Resolved;
import dev.trellis.console.internal.security.ConsolePassword.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolePasswordTest {

    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path tmp;

    @Test
    void firstStartGeneratesAndStoresOwnerOnlyFile() throws Exception {
        Path home = tmp.resolve("nested/home");

        Resolved r = ConsolePassword.resolve(home, null, random);

        assertThat(r.source()).isEqualTo(Source.GENERATED);
        assertThat(r.password()).hasSize(20).matches("[A-Za-z0-9_-]{20}");
        assertThat(r.file()).isEqualTo(home.resolve("console-password"));
        assertThat(Files.readString(r.file()).strip()).isEqualTo(r.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(r.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(ConsolePassword.tooOpen(r.file())).isFalse();
        // no temp file is left behind next to it
        try (var files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("console-password");
        }
        assertThat(r.toString()).doesNotContain(r.password());
    }

    @Test
    void laterStartsReuseTheStoredPassword() {
        Resolved first = ConsolePassword.resolve(tmp, null, random);
        Resolved second = ConsolePassword.resolve(tmp, null, random);

        assertThat(second.source()).isEqualTo(Source.FILE);
        assertThat(second.password()).isEqualTo(first.password());
    }

    @Test
    void generatedPasswordsDiffer() {
        assertThat(ConsolePassword.generate(random)).isNotEqualTo(ConsolePassword.generate(random));
    }

    @Test
    void environmentOverrideWinsAndIsNeverStored() throws Exception {
        Resolved r = ConsolePassword.resolve(tmp, "  s3cret-from-env ", random);

        assertThat(r.source()).isEqualTo(Source.ENVIRONMENT);
        assertThat(r.password()).isEqualTo("s3cret-from-env");
        assertThat(Files.exists(tmp.resolve("console-password"))).isFalse();
    }

    @Test
    void blankOverrideIsIgnored() {
        assertThat(ConsolePassword.resolve(tmp, "   ", random).source()).isEqualTo(Source.GENERATED);
    }

    @Test
    void emptyOrShortFileIsAClearError() throws Exception {
        Files.writeString(tmp.resolve("console-password"), "short\n");

        assertThatThrownBy(() -> ConsolePassword.resolve(tmp, null, random))
                .isInstanceOf(ConsolePasswordException.class)
                .hasMessageContaining(tmp.resolve("console-password").toString())
                .hasMessageContaining("does not hold a usable password")
                .hasMessageContaining("TRELLIS_CONSOLE_PASSWORD");
    }

    @Test
    void passwordWithSpacesIsRejected() throws Exception {
        Files.writeString(tmp.resolve("console-password"), "two words here\n");

        assertThatThrownBy(() -> ConsolePassword.resolve(tmp, null, random))
                .isInstanceOf(ConsolePasswordException.class).hasMessageContaining("no spaces");
    }

    @Test
    void directoryInPlaceOfTheFileIsAClearError() throws Exception {
        Files.createDirectory(tmp.resolve("console-password"));

        assertThatThrownBy(() -> ConsolePassword.resolve(tmp, null, random))
                .isInstanceOf(ConsolePasswordException.class)
                .hasMessageContaining("is not a regular file");
    }

    @Test
    void danglingSymlinkIsNotFollowedOrOverwritten() throws Exception {
        Path target = tmp.resolve("elsewhere");
        Files.createSymbolicLink(tmp.resolve("console-password"), target);

        assertThatThrownBy(() -> ConsolePassword.resolve(tmp, null, random))
                .isInstanceOf(ConsolePasswordException.class)
                .hasMessageContaining("is not a regular file");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void homeThatIsAFileIsAClearError() throws Exception {
        Path home = Files.writeString(tmp.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> ConsolePassword.resolve(home, null, random))
                .isInstanceOf(ConsolePasswordException.class)
                .hasMessageContaining("Cannot create Trellis home " + home);
    }

    @Test
    void groupReadableFileIsReportedTooOpen() throws Exception {
        Resolved r = ConsolePassword.resolve(tmp, null, random);
        Files.setPosixFilePermissions(r.file(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(ConsolePassword.tooOpen(r.file())).isTrue();
    }

    @Test
    void homeResolutionOrder() {
        assertThat(ConsolePassword.home("/a", "/b", "/u")).isEqualTo(Path.of("/a"));
        assertThat(ConsolePassword.home(null, "/b", "/u")).isEqualTo(Path.of("/b"));
        assertThat(ConsolePassword.home(" ", "", "/u")).isEqualTo(Path.of("/u/.trellis"));
    }
}
