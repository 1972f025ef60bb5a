package dev.trellis.agent.internal.turn;

import dev.trellis.api.agent.AgentEvent;
import dev.trellis.api.agent.AgentListener;
import dev.trellis.api.agent.Registration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers agent events to listeners without letting them slow the turn: each subscription has its
 * own bounded queue drained by one virtual thread, in order. A subscription whose queue is full is
 * closed (the listener fell behind); an exception from a listener is logged and the event skipped.
 */
public final class EventHub {

    /** Events a listener may lag behind before it is dropped. */
    public static final int QUEUE_CAPACITY = 4096;

    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Log log;

    public EventHub(Log log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Adds a listener; {@code name} says who it is in log messages. */
    public Registration subscribe(String name, AgentListener listener) {
        Subscription s = new Subscription(name, Objects.requireNonNull(listener, "listener"));
        subscriptions.add(s);
        s.start();
        return s;
    }

    public void publish(AgentEvent event) {
        for (Subscription s : subscriptions) {
            s.offer(event);
        }
    }

    /** Closes every subscription (the agent or the runtime stops). */
    public void closeAll() {
        subscriptions.forEach(Subscription::close);
    }

    public int size() {
        return subscriptions.size();
    }

    private final class Subscription implements Registration {
        private final String name;
        private final AgentListener listener;
        private final BlockingQueue<AgentEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        private final AtomicBoolean closed = new AtomicBoolean();
        private Thread drainer;

        Subscription(String name, AgentListener listener) {
            this.name = name;
            this.listener = listener;
        }

        void start() {
            drainer = Thread.ofVirtual().name("agent-events-" + name).start(this::drain);
        }

        void offer(AgentEvent e) {
            if (closed.get()) {
                return;
            }
            if (!queue.offer(e)) {
                log.warn("agent event listener " + name + " fell " + QUEUE_CAPACITY + " events behind and was removed");
                close();
            }
        }

        private void drain() {
            try {
                while (!closed.get()) {
                    AgentEvent e = queue.take();
                    try {
                        listener.onEvent(e);
                    } catch (RuntimeException ex) {
                        log.error("agent event listener " + name + " failed on " + e.getClass().getSimpleName(), ex);
                    }
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                subscriptions.remove(this);
                if (drainer != null) {
                    drainer.interrupt();
                }
            }
        }
    }
}
