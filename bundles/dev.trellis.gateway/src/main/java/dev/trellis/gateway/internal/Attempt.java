package dev.trellis.gateway.internal;

import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One try of an {@link Exchange} on one provider instance: the listener the provider streams to. It keeps
 * the instance counted in flight until the provider ends the stream (also after the gateway gave up on it),
 * and knows when its first event, or the next one, is overdue (events only stamp a time).
 */
final class Attempt implements StreamListener {

    final Exchange exchange;
    final Instance instance;
    final int number;
    private final Timer timer;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long startNanos;
    private volatile StreamHandle handle;
    private volatile boolean cancelRequested;
    private volatile boolean anyEvent;
    private volatile long lastEventNanos;
    private volatile boolean watching;
    private volatile Duration firstEvent = Duration.ZERO;
    private volatile Duration idle = Duration.ZERO;

    Attempt(Exchange exchange, Instance instance, int number, Timer timer) {
        this.exchange = exchange;
        this.instance = instance;
        this.number = number;
        this.timer = timer;
        this.startNanos = timer.nanoTime();
    }

    /**
     * Starts watching: the first event within {@code first}, then no silence longer than {@code idleBound}
     * (zero = no limit). The gateway's sweeper calls {@link #check} a few times per bound; nothing is
     * scheduled per attempt, so a request costs no timer work.
     */
    void watch(Duration first, Duration idleBound) {
        this.firstEvent = first;
        this.idle = idleBound;
        watching = !first.isZero() || !idleBound.isZero();
    }

    void stopWatching() {
        watching = false;
    }

    /** The provider returned its handle. */
    void started(StreamHandle h) {
        handle = h;
        if (cancelRequested) {
            h.cancel();
        }
    }

    void cancelProvider() {
        cancelRequested = true;
        StreamHandle h = handle;
        if (h != null) {
            h.cancel();
        }
    }

    /** The provider is done with this stream (or never started it): the instance has one stream less. */
    void endedByProvider() {
        if (ended.compareAndSet(false, true)) {
            exchange.release(instance);
        }
    }

    @Override
    public void onEvent(StreamEvent event) {
        if (ended.get()) {
            return;
        }
        lastEventNanos = timer.nanoTime();
        anyEvent = true;
        if (event instanceof StreamEvent.Stop) {
            endedByProvider();
        }
        exchange.event(this, event);
    }

    @Override
    public void onError(ModelException error) {
        if (ended.get()) {
            return;
        }
        endedByProvider();
        exchange.attemptFailed(this, error.error());
    }

    /** Times the attempt out if its first event, or the next one, is overdue at {@code now}. */
    void check(long now) {
        if (!watching || ended.get() || !exchange.isCurrent(this)) {
            return;
        }
        if (!anyEvent) {
            if (!firstEvent.isZero() && now - startNanos >= firstEvent.toNanos()) {
                timedOut(firstEvent);
            }
        } else if (!idle.isZero() && now - lastEventNanos >= idle.toNanos()) {
            timedOut(idle);
        }
    }

    private void timedOut(Duration after) {
        cancelProvider();
        exchange.attemptFailed(this, new ModelError.Timeout(exchange.provider(), after));
    }
}
