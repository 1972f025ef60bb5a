package dev.trellis.gateway.internal;

import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamListener;
import java.util.ArrayList;
import java.util.List;

/** What the gateway's caller received; fails the test on any call after the terminal one. */
final class Caller implements StreamListener {

    final List<StreamEvent> events = new ArrayList<>();
    ModelException error;
    boolean stopped;
    RuntimeException throwOnEvent;

    @Override
    public void onEvent(StreamEvent event) {
        if (ended()) {
            throw new AssertionError("event after the terminal call: " + event);
        }
        events.add(event);
        if (event instanceof StreamEvent.Stop) {
            stopped = true;
        }
        if (throwOnEvent != null) {
            throw throwOnEvent;
        }
    }

    @Override
    public void onError(ModelException e) {
        if (ended()) {
            throw new AssertionError("second terminal call: " + e.error() + " after " + (stopped ? "stop" : error.error()));
        }
        error = e;
    }

    boolean ended() {
        return stopped || error != null;
    }

    ModelError errorKind() {
        return error == null ? null : error.error();
    }
}
