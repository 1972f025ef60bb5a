package dev.trellis.auth.internal.store;

import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthException;
import dev.trellis.auth.internal.core.Pause;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sidecar lock {@code <file>.lock} held for a whole read-modify-write, like codex's advisory lock on
 * {@code auth.json.lock}. JVM file locks belong to the process, so threads of this process are first
 * serialised by an in-process lock; the file lock then keeps other processes (codex, a second Trellis) out.
 * Both waits end after {@code timeout} with {@code StorageFailed} naming the lock file.
 */
final class FileLocker {

    private static final Duration FIRST_RETRY = Duration.ofMillis(5);
    private static final Duration MAX_RETRY = Duration.ofMillis(100);

    private final Path lockFile;
    private final Duration timeout;
    private final Clock clock;
    private final Pause pause;
    private final ReentrantLock inProcess = new ReentrantLock();

    FileLocker(Path lockFile, Duration timeout, Clock clock, Pause pause) {
        this.lockFile = lockFile;
        this.timeout = timeout;
        this.clock = clock;
        this.pause = pause;
    }

    Path lockFile() {
        return lockFile;
    }

    /** A held lock; {@link #close()} releases both locks. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the in-process lock, then the file lock (creating the lock file 0600 and its directory 0700). */
    Held acquire() {
        Instant deadline = clock.instant().plus(timeout);
        try {
            if (!inProcess.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw failed("another thread of this process held it for " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted while waiting for the lock");
        }
        FileChannel channel = null;
        try {
            SecureFiles.createPrivateDirectories(lockFile.toAbsolutePath().getParent());
            channel = SecureFiles.openPrivate(lockFile);
            FileLock lock = waitForFileLock(channel, deadline);
            FileChannel ch = channel;
            return () -> {
                try {
                    lock.release();
                    ch.close();
                } catch (IOException e) {
                    // closing the channel releases the lock anyway
                } finally {
                    inProcess.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            inProcess.unlock();
            if (e instanceof AuthException ae) {
                throw ae;
            }
            throw failed("cannot lock: " + describe(e));
        }
    }

    private FileLock waitForFileLock(FileChannel channel, Instant deadline) throws IOException {
        Duration wait = FIRST_RETRY;
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // another store object of this JVM holds it (e.g. a component being re-created): wait too
            }
            if (!clock.instant().isBefore(deadline)) {
                throw failed("another process (codex? a second Trellis?) held the lock for " + timeout.toSeconds()
                        + " s; try again, or delete the lock file if no such process runs");
            }
            try {
                pause.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed("interrupted while waiting for the lock");
            }
            wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
        }
    }

    private AuthException failed(String reason) {
        return new AuthException(new AuthError.StorageFailed(lockFile.toString(), reason));
    }

    static String describe(Exception e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return m == null ? kind : kind + ": " + m;
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to add to the original failure
            }
        }
    }
}
