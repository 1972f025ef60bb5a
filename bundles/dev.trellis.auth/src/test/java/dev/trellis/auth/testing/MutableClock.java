package dev.trellis.auth.testing;

import dev.trellis.auth.internal.core.Pause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand, and a {@link Pause} that moves it instead of waiting (and records each wait). */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public MutableClock() {
        this(Instant.parse("2026-11-25T12:00:00Z"));
    }

    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /** Each pause advances the clock by its duration at once. */
    public Pause pause() {
        return d -> {
            pauses.add(d);
            advance(d);
        };
    }

    public List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
