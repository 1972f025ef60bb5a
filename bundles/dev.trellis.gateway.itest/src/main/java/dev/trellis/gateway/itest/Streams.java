package dev.trellis.gateway.itest;

import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A caller's listener that keeps what arrived and checks the listener contract on the way: in order, never
 * two calls at once, nothing after the terminal call.
 */
final class Streams implements StreamListener {

    private final List<StreamEvent> events = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final CountDownLatch end = new CountDownLatch(1);
    private ModelException error;
    private boolean inside;

    @Override
    public synchronized void onEvent(StreamEvent event) {
        enter("onEvent " + event);
        events.add(event);
        if (event instanceof StreamEvent.Stop) {
            end.countDown();
        }
        inside = false;
    }

    @Override
    public synchronized void onError(ModelException e) {
        enter("onError " + e.error());
        error = e;
        end.countDown();
        inside = false;
    }

    private void enter(String call) {
        if (inside) {
            violations.add("overlapping call: " + call);
        }
        if (end.getCount() == 0) {
            violations.add("call after the terminal call: " + call);
        }
        inside = true;
    }

    boolean await(long seconds) throws InterruptedException {
        return end.await(seconds, TimeUnit.SECONDS);
    }

    synchronized List<StreamEvent> events() {
        return List.copyOf(events);
    }

    synchronized ModelException error() {
        return error;
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized String text() {
        return events.stream().filter(e -> e instanceof StreamEvent.TextDelta).map(e -> ((StreamEvent.TextDelta) e).text())
                .collect(Collectors.joining());
    }
}
