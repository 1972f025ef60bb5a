package dev.trellis.agent.internal.testing;

import dev.trellis.store.sqlite.internal.SqliteDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A real SQLite store in a temp dir plus the fakes an agent runtime binds. */
public final class TestRuntime implements AutoCloseable {

    public final SqliteDatabase store;
    public final FakeGateway gateway = new FakeGateway();
    public final FakeMemory memory = new FakeMemory();
    public final RecordingLog log = new RecordingLog();
    public final SettableClock clock = new SettableClock(Instant.parse("2026-03-04T05:06:07Z"));

    public TestRuntime(Path dir) {
        store = SqliteDatabase.open(new SqliteDatabase.Settings(dir.resolve("trellis.db"), Duration.ofSeconds(10), 2));
    }

    @Override
    public void close() {
        store.close();
    }

    /** A clock that stands still until moved (also by {@link #advance}). */
    public static final class SettableClock extends Clock {
        private final AtomicReference<Instant> now;

        SettableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        public void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
