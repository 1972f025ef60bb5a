package dev.trellis.auth.internal.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthException;
import dev.trellis.auth.internal.core.Pause;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One JSON object in a file that holds secrets: read without a lock (writes are atomic renames, so a reader
 * sees the old or the new file, never a mix), changed only under {@link FileLocker} with a re-read first.
 * Kept as a Jackson tree so fields this code does not know survive a rewrite. A file that is not valid JSON
 * is reported with its line and column and never written over.
 */
public final class JsonFileStore {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // two-space indent and "key": value, the layout serde_json's pretty printer (codex) writes
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private final Path file;
    private final FileLocker locker;

    public JsonFileStore(Path file, Duration lockTimeout, Clock clock, Pause pause) {
        this.file = file.toAbsolutePath().normalize();
        this.locker = new FileLocker(this.file.resolveSibling(this.file.getFileName() + ".lock"), lockTimeout, clock,
                pause);
    }

    public Path file() {
        return file;
    }

    /** The file's object, empty if there is no file. @throws AuthException {@code StorageFailed} if unreadable */
    public Optional<ObjectNode> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failed("cannot read: " + FileLocker.describe(e));
        }
        return Optional.of(parse(bytes));
    }

    private ObjectNode parse(byte[] bytes) {
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw failed("the file is empty, not a JSON object; delete it or log in again to replace it");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw failed(where + e.getOriginalMessage()
                    + ". The file was left as it is; fix it or delete it (and log in again)");
        } catch (IOException e) {
            throw failed("cannot read: " + FileLocker.describe(e));
        }
        if (!(node instanceof ObjectNode object)) {
            throw failed("line 1, column 1: the top level is " + node.getNodeType().toString().toLowerCase()
                    + ", expected a JSON object. The file was left as it is");
        }
        return object;
    }

    /** What a locked action may do: read the current content (fresh from disk) and replace or delete it. */
    public interface Locked {
        Optional<ObjectNode> read();

        void write(ObjectNode content);

        /** @return true if there was a file */
        boolean delete();
    }

    /** A read-modify-write under the lock. */
    @FunctionalInterface
    public interface LockedAction<T> {
        T run(Locked locked);
    }

    /** Runs {@code action} holding the lock; every read inside sees what other lock holders wrote. */
    public <T> T locked(LockedAction<T> action) {
        try (FileLocker.Held held = locker.acquire()) {
            return action.run(new Locked() {
                @Override
                public Optional<ObjectNode> read() {
                    return JsonFileStore.this.read();
                }

                @Override
                public void write(ObjectNode content) {
                    writeLocked(content);
                }

                @Override
                public boolean delete() {
                    try {
                        boolean existed = Files.deleteIfExists(file);
                        SecureFiles.syncDirectory(file.getParent());
                        return existed;
                    } catch (IOException e) {
                        throw failed("cannot delete: " + FileLocker.describe(e) + "; the file is unchanged");
                    }
                }
            });
        }
    }

    private void writeLocked(ObjectNode content) {
        try {
            SecureFiles.createPrivateDirectories(file.getParent());
            SecureFiles.writeAtomically(file, PRETTY.writeValueAsBytes(content));
        } catch (IOException e) {
            throw failed("cannot write: " + FileLocker.describe(e) + "; the previous file is unchanged");
        }
    }

    private AuthException failed(String reason) {
        return new AuthException(new AuthError.StorageFailed(file.toString(), reason));
    }
}
