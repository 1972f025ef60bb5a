package dev.trellis.provider.scripted.internal.play;

import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Plays a list of actions to a listener on its own virtual thread. Only that thread calls the listener, so
 * calls are in order and never concurrent. {@link #cancel()} wakes a pause at once; the listener then gets
 * {@code Cancelled} (unless the stream already ended). A listener that throws ends the stream silently, as
 * the {@link StreamListener} contract says.
 */
public final class ScriptedStream implements StreamHandle, Runnable {

    private final String name;
    private final List<Action> actions;
    private final StreamListener listener;
    private final InFlight.Ticket ticket;
    private final CompletableFuture<StopReason> done = new CompletableFuture<>();
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private volatile ModelError stopWith;

    private ScriptedStream(String name, List<Action> actions, StreamListener listener, InFlight.Ticket ticket) {
        this.name = name;
        this.actions = List.copyOf(actions);
        this.listener = listener;
        this.ticket = ticket;
    }

    /** Starts playing on a new virtual thread; the ticket is left when the stream ends. */
    public static ScriptedStream start(String name, List<Action> actions, StreamListener listener, InFlight.Ticket ticket) {
        ScriptedStream s = new ScriptedStream(name, actions, listener, ticket);
        ticket.attach(s);
        Thread.ofVirtual().name("trellis-scripted-" + name).start(s);
        return s;
    }

    @Override
    public void cancel() {
        stop(new ModelError.Cancelled());
    }

    /** Ends the stream with {@code error} at the next action (or at once, during a pause). */
    public void stop(ModelError error) {
        if (stopWith == null) {
            stopWith = error;
        }
        cancelled.countDown();
    }

    @Override
    public CompletionStage<StopReason> completion() {
        return done.minimalCompletionStage();
    }

    @Override
    public void run() {
        try {
            play();
        } finally {
            ticket.leave(this);
        }
    }

    private void play() {
        try {
            for (Action action : actions) {
                if (stopWith != null) {
                    fail(stopWith);
                    return;
                }
                switch (action) {
                    case Action.Pause p -> {
                        if (cancelled.await(p.length().toNanos(), TimeUnit.NANOSECONDS)) {
                            fail(stopWith);
                            return;
                        }
                    }
                    case Action.Fail f -> {
                        fail(f.error());
                        return;
                    }
                    case Action.Emit e -> {
                        listener.onEvent(e.event());
                        if (e.event() instanceof StreamEvent.Stop stop) {
                            done.complete(stop.reason());
                            return;
                        }
                    }
                }
            }
            // a script always ends with a stop or an error; an action list without one is a bug here
            fail(new ModelError.MalformedStream(Rehearsal.PROVIDER, "scripted stream " + name + " ended without a stop"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new ModelError.Cancelled());
        } catch (RuntimeException listenerFailed) {
            // the listener threw: the stream ends, with no further calls to it
            done.completeExceptionally(new ModelException(new ModelError.Cancelled(), listenerFailed));
        }
    }

    private void fail(ModelError error) {
        ModelException e = new ModelException(error);
        try {
            listener.onError(e);
        } finally {
            done.completeExceptionally(e);
        }
    }
}
