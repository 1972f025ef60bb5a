package dev.trellis.provider.scripted.internal;

import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A listener that records what it gets and lets a test wait for the end of the stream. */
final class Recording implements StreamListener {

    final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    final List<ModelException> errors = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    private final CountDownLatch end = new CountDownLatch(1);
    private final CountDownLatch firstEvent = new CountDownLatch(1);

    @Override
    public void onEvent(StreamEvent event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
        firstEvent.countDown();
        if (event instanceof StreamEvent.Stop) {
            end.countDown();
        }
    }

    @Override
    public void onError(ModelException error) {
        errors.add(error);
        end.countDown();
    }

    Recording awaitEnd() throws InterruptedException {
        if (!end.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("stream did not end; got " + events);
        }
        return this;
    }

    void awaitFirstEvent(Duration max) throws InterruptedException {
        if (!firstEvent.await(max.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no event within " + max);
        }
    }

    boolean ended() {
        return end.getCount() == 0;
    }

    String text() {
        return events.stream().filter(e -> e instanceof StreamEvent.TextDelta).map(e -> ((StreamEvent.TextDelta) e).text())
                .collect(Collectors.joining());
    }
}
