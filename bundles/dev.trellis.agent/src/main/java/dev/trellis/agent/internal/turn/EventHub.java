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

    /**
     * Ends every subscription (the agent or the runtime stops): nothing new is accepted, and each listener
     * still gets the events already published (the last turn's {@code TurnEnded}), then its drain thread ends.
     */
    public void closeAll() {
        subscriptions.forEach(Subscription::finish);
    }

    public int size() {
        return subscriptions.size();
    }

    /** Marks the end of a finished subscription's queue. */
    private static final Object END = new Object();

    private final class Subscription implements Registration {
        private final String name;
        private final AgentListener listener;
        /** Events, then possibly {@link #END}; one place more than the capacity, so the end always fits. */
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY + 1);
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
            if (queue.remainingCapacity() <= 1 || !queue.offer(e)) {
                log.warn("agent event listener " + name + " fell " + QUEUE_CAPACITY + " events behind and was removed");
                close();
            }
        }

        private void drain() {
            try {
                while (true) {
                    Object next = queue.take();
                    if (next == END) {
                        return;
                    }
                    AgentEvent e = (AgentEvent) next;
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

        /** No more events; the queued ones are still delivered. */
        void finish() {
            if (closed.compareAndSet(false, true)) {
                subscriptions.remove(this);
                if (!queue.offer(END) && drainer != null) {
                    drainer.interrupt(); // full after all (a race with a publish): end at once
                }
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
