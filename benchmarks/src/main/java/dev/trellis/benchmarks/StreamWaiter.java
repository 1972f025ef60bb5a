package dev.trellis.benchmarks;

import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamListener;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The listener of one benchmarked stream: counts events and text characters; the stop (or an error) unparks the
 * benchmark thread, which {@link #await} parks until then. Every benchmark of a comparison waits this same way, so
 * their difference is what the code under test adds.
 */
final class StreamWaiter implements StreamListener {
    private final Thread thread = Thread.currentThread();
    private final int expectedEvents;
    private volatile boolean done;
    private volatile String failure;
    private int events;
    private int textLength;

    /** @param expectedEvents how many events (the stop included) a correct stream has */
    StreamWaiter(int expectedEvents) {
        this.expectedEvents = expectedEvents;
    }

    @Override
    public void onEvent(StreamEvent event) {
        events++;
        if (event instanceof StreamEvent.TextDelta t) {
            textLength += t.text().length();
        }
        if (event instanceof StreamEvent.Stop) {
            done = true;
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void onError(ModelException error) {
        failure = error.getMessage();
        done = true;
        LockSupport.unpark(thread);
    }

    /**
     * Parks until the stream ended (10 s at most).
     *
     * @return the number of text characters streamed
     * @throws IllegalStateException if the stream failed, timed out or had another number of events
     */
    int await() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no stop within 10 s");
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
        }
        if (failure != null) {
            throw new IllegalStateException("the stream failed: " + failure);
        }
        if (events != expectedEvents) {
            throw new IllegalStateException("expected " + expectedEvents + " events, got " + events);
        }
        return textLength;
    }
}
