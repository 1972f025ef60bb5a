package dev.trellis.console.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Finds the Web Console password: the {@code TRELLIS_CONSOLE_PASSWORD} override if given (never written to disk),
 * else the content of {@code <home>/console-password}, which is generated on first use.
 *
 * <p>Plain Java so it can be tested without a framework; {@link TrellisSecurityProvider} wires it to OSGi.
 */
public final class ConsolePassword {

    /** Name of the password file inside the Trellis home directory. */
    public static final String FILE_NAME = "console-password";
    /** Environment variable whose value, when non-blank, replaces the stored password. */
    public static final String ENV_OVERRIDE = "TRELLIS_CONSOLE_PASSWORD";

    // 15 random bytes are 120 bits and exactly 20 URL-safe base64 characters, no padding.
    private static final int RANDOM_BYTES = 15;
    private static final int MIN_LENGTH = 8;
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    /** Where the password came from; decides what is printed at start-up. */
    public enum Source { ENVIRONMENT, GENERATED, FILE }

    /** The password in force and the file that holds (or would hold) it. */
    public record Resolved(String password, Source source, Path file) {
        @Override
        public String toString() {
            // Never let the secret slip into a log line through toString().
            return "Resolved[source=" + source + ", file=" + file + "]";
        }
    }

    private ConsolePassword() {
    }

    /**
     * Resolves the Trellis home: the framework/system property {@code trellis.home}, else env {@code TRELLIS_HOME},
     * else {@code ~/.trellis}.
     */
    public static Path home(String homeProperty, String homeEnv, String userHome) {
        if (homeProperty != null && !homeProperty.isBlank()) {
            return Path.of(homeProperty.trim()).toAbsolutePath();
        }
        if (homeEnv != null && !homeEnv.isBlank()) {
            return Path.of(homeEnv.trim()).toAbsolutePath();
        }
        return Path.of(userHome, ".trellis").toAbsolutePath();
    }

    /**
     * Returns the password to check logins against.
     *
     * @param home     the Trellis home; created (0700 on POSIX) when missing
     * @param override value of {@link #ENV_OVERRIDE}, or null
     * @throws ConsolePasswordException with the path and a way out when the file cannot be read, written or is invalid
     */
    public static Resolved resolve(Path home, String override, SecureRandom random) {
        Path file = home.resolve(FILE_NAME);
        if (override != null && !override.isBlank()) {
            return new Resolved(override.strip(), Source.ENVIRONMENT, file);
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
            return new Resolved(read(file), Source.FILE, file);
        }
        createHome(home);
        String generated = generate(random);
        try {
            write(file, generated);
        } catch (FileAlreadyExistsException raced) {
            // Another host started on the same home at the same moment: its password wins.
            return new Resolved(read(file), Source.FILE, file);
        }
        return new Resolved(generated, Source.GENERATED, file);
    }

    static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConsolePasswordException("Console password file " + file + " is not a regular file."
                    + " Remove it to generate a new password, or set " + ENV_OVERRIDE + ".");
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (AccessDeniedException e) {
            throw new ConsolePasswordException("Cannot read console password file " + file
                    + ": permission denied. Fix its owner/permissions (it should be 0600 for the user running"
                    + " Trellis), or set " + ENV_OVERRIDE + ".", e);
        } catch (IOException | RuntimeException e) {
            throw new ConsolePasswordException("Cannot read console password file " + file + ": " + e
                    + ". Remove it to generate a new password, or set " + ENV_OVERRIDE + ".", e);
        }
        if (content.length() < MIN_LENGTH || content.chars().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c))) {
            throw new ConsolePasswordException("Console password file " + file + " does not hold a usable password"
                    + " (one line, at least " + MIN_LENGTH + " characters, no spaces)."
                    + " Remove it to generate a new password, or set " + ENV_OVERRIDE + ".");
        }
        return content;
    }

    private static void createHome(Path home) {
        try {
            if (!Files.isDirectory(home)) {
                Files.createDirectories(home, posixAttribute(home.getParent() != null ? home.getParent() : home,
                        OWNER_RWX));
            }
        } catch (IOException | RuntimeException e) {
            throw new ConsolePasswordException("Cannot create Trellis home " + home + ": " + e
                    + ". Set trellis.home / TRELLIS_HOME to a writable directory.", e);
        }
    }

    private static void write(Path file, String password) throws FileAlreadyExistsException {
        Path dir = file.getParent();
        Path tmp = null;
        try {
            // Created with 0600 from the start, so the secret is never readable by others, not even briefly.
            tmp = Files.createTempFile(dir, "." + FILE_NAME + "-", ".tmp", posixAttribute(dir, OWNER_RW));
            Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
            // A hard link fails if the target exists, so a concurrent generator cannot be overwritten;
            // then the rename-based fallback covers file systems without hard links.
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException | IOException noLink) {
                if (noLink instanceof FileAlreadyExistsException exists) {
                    throw exists;
                }
                moveAtomically(tmp, file);
                tmp = null;
            }
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ConsolePasswordException("Cannot write console password file " + file + ": " + e
                    + ". Make " + dir + " writable, or set " + ENV_OVERRIDE + ".", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover hidden temp file is harmless; the real file is already in place or the error reported
                }
            }
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static FileAttribute<?>[] posixAttribute(Path existingDir, Set<PosixFilePermission> perms) {
        Path probe = existingDir;
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        boolean posix = probe != null && probe.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)} : new FileAttribute<?>[0];
    }

    /** True when {@code file} is readable or writable by group or others (POSIX only). */
    public static boolean tooOpen(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.stream().anyMatch(p -> !OWNER_RW.contains(p) && p != PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException | IOException | SecurityException e) {
            return false;
        }
    }

    /** Thrown with a message that names the file and how to fix it. */
    public static final class ConsolePasswordException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ConsolePasswordException(String message) {
            super(message);
        }

        ConsolePasswordException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
