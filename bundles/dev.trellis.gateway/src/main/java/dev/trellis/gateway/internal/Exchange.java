package dev.trellis.gateway.internal;

import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One request through the gateway, from {@link #begin()} to the caller's terminal call: rate-limit wait,
 * waiting for a provider instance, attempts on instances, backoff between them, the single credential
 * refresh, timeouts and cancellation.
 *
 * <p>Rules: the caller's listener is called under {@link #deliver} only, so calls never overlap; nothing is
 * delivered after the terminal call. An attempt's callbacks count only while it is {@link #current}; a
 * timed-out or cancelled attempt is left to finish on its provider (its instance stays "in flight" until the
 * provider says it ended, which is what draining waits for). Retries happen only while {@link #forwarded}
 * is false, so the caller never sees output twice.
 */
final class Exchange implements StreamHandle {

    /** The reference's default when a provider's final 429 carried no hint. */
    static final Duration DEFAULT_RATE_LIMIT_HINT = Duration.ofSeconds(60);
    private static final Duration RATE_JITTER = Duration.ofMillis(200);

    final ChatRequest request;
    private final StreamListener listener;
    private final ProviderSlot slot;
    private final Gateway gateway;
    private final CompletableFuture<StopReason> done = new CompletableFuture<>();
    private final ReentrantLock deliver = new ReentrantLock();

    private volatile boolean terminal;
    private volatile boolean cancelled;
    private volatile boolean forwarded;
    private volatile Attempt current;
    // guarded by this
    private int attempts;
    private boolean refreshed;
    private Timer.Cancellable pending;
    private boolean waitingForInstance;

    Exchange(ChatRequest request, StreamListener listener, ProviderSlot slot, Gateway gateway) {
        this.request = request;
        this.listener = listener;
        this.slot = slot;
        this.gateway = gateway;
    }

    String provider() {
        return slot.id;
    }

    @Override
    public CompletionStage<StopReason> completion() {
        return done.minimalCompletionStage();
    }

    @Override
    public void cancel() {
        Attempt a;
        synchronized (this) {
            if (terminal || cancelled) {
                return;
            }
            cancelled = true;
            cancelPending();
            slot.stopWaiting(this);
            a = current;
            current = null;
        }
        if (a != null) {
            a.cancelProvider();
        }
        fail(new ModelError.Cancelled(), null);
    }

    /** Starts the first attempt (on the caller's thread). */
    void begin() {
        next();
    }

    /** Reserves a request in the provider's budget, waiting if it says so, then looks for an instance. */
    private void next() {
        Duration wait;
        ModelError refused;
        synchronized (this) {
            if (terminal || cancelled) {
                return;
            }
            GatewaySettings s = gateway.settings();
            Optional<Duration> reserved = slot.reserve(gateway.timer().nanoTime(), s.rateMaxWait());
            if (reserved.isEmpty()) {
                refused = new ModelError.RateLimited(slot.id, slot.rateWaitNow(gateway.timer().nanoTime()));
                gateway.record(this, slot, refused, attempts + 1, false);
                wait = null;
            } else {
                refused = null;
                wait = reserved.get();
            }
        }
        if (refused != null) {
            fail(refused, "the gateway's request budget for '" + slot.id + "' would make this request wait longer than "
                    + gateway.settings().rateMaxWait().toMillis() + " ms");
            return;
        }
        synchronized (this) {
            if (wait.isPositive()) {
                wait = wait.plusNanos((long) (RATE_JITTER.toNanos() * gateway.random()));
                pending = gateway.timer().schedule(wait, this::acquire);
                return;
            }
        }
        acquire();
    }

    /** Starts an attempt on the serving instance, or waits (bounded) for one to be registered. */
    private void acquire() {
        Instance instance;
        synchronized (this) {
            pending = null;
            if (terminal || cancelled) {
                return;
            }
            instance = slot.acquireOrAwait(this);
            if (instance == null) {
                waitingForInstance = true;
                GatewaySettings s = gateway.settings();
                Duration bound = slot.seen() ? s.swapWait() : s.unknownProviderWait();
                pending = gateway.timer().schedule(bound, () -> waitedInVain(bound));
                return;
            }
            waitingForInstance = false;
        }
        start(instance);
    }

    /** An instance appeared while this request waited: try again now. */
    void instanceAppeared() {
        synchronized (this) {
            if (!waitingForInstance) {
                return;
            }
            waitingForInstance = false;
            cancelPending();
        }
        acquire();
    }

    private void waitedInVain(Duration bound) {
        synchronized (this) {
            if (!slot.stopWaiting(this) || terminal || cancelled) {
                return;
            }
            waitingForInstance = false;
            pending = null;
        }
        ModelError e = new ModelError.ProviderUnavailable(slot.id);
        gateway.record(this, slot, e, Math.max(1, attempts), false);
        fail(e, "waited " + bound.toMillis() + " ms for a provider '" + slot.id + "'");
    }

    private void start(Instance instance) {
        Attempt a;
        synchronized (this) {
            if (terminal || cancelled) {
                release(instance);
                return;
            }
            attempts++;
            a = new Attempt(this, instance, attempts, gateway.timer());
            current = a;
        }
        GatewaySettings s = gateway.settings();
        a.watch(s.firstEventTimeout(), s.idleTimeout());
        StreamHandle h;
        try {
            h = instance.ref.provider().stream(request, a);
        } catch (ModelException e) {
            a.endedByProvider();
            attemptFailed(a, e.error());
            return;
        } catch (RuntimeException | LinkageError e) {
            a.endedByProvider();
            if (e instanceof LinkageError && gateway.isRemoved(slot, instance)) {
                // called just as a refresh discarded the removed provider's class loader: try the next instance
                attemptFailed(a, new ModelError.ProviderUnavailable(slot.id));
            } else {
                // a provider bug; the caller still gets a typed error
                attemptFailed(a, new ModelError.MalformedStream(slot.id, "the provider failed to start the stream: " + e));
            }
            return;
        }
        a.started(h);
    }

    void release(Instance instance) {
        gateway.released(slot, instance);
    }

    /** An event of attempt {@code a}. */
    void event(Attempt a, StreamEvent event) {
        if (current != a) {
            return;
        }
        deliver.lock();
        try {
            if (terminal) {
                return;
            }
            forwarded = true;
            try {
                listener.onEvent(event);
            } catch (RuntimeException listenerFailed) {
                // the StreamListener contract: a throwing listener cancels the stream, no further calls
                terminal = true;
                a.cancelProvider();
                a.stopWatching();
                done.completeExceptionally(new ModelException(new ModelError.Cancelled(), listenerFailed));
                gateway.finished(this, Gateway.Outcome.CANCELLED);
                return;
            }
            if (event instanceof StreamEvent.Stop stop) {
                terminal = true;
                a.stopWatching();
                done.complete(stop.reason());
                gateway.finished(this, Gateway.Outcome.OK);
            }
        } finally {
            deliver.unlock();
        }
    }

    /** Attempt {@code a} failed (its provider said so, or the gateway timed it out). */
    void attemptFailed(Attempt a, ModelError error) {
        a.stopWatching();
        Duration delay = null;
        boolean refresh = false;
        boolean again = false;
        synchronized (this) {
            if (current != a || terminal || cancelled) {
                return;
            }
            current = null;
            if (!forwarded) {
                if (error instanceof ModelError.Unauthorized && !refreshed && gateway.canRefresh(slot.id)) {
                    refreshed = true;
                    refresh = true;
                } else if (error instanceof ModelError.ProviderUnavailable && gateway.isRemoved(slot, a.instance)) {
                    // the instance was unregistered while we started on it: try the next one at once, for free
                    attempts--;
                    again = true;
                } else if (error.retryable() && gateway.settings().retry().allowsAnother(a.number)) {
                    delay = gateway.settings().retry().delayAfter(a.number, hint(error), gateway::random);
                }
            }
            gateway.record(this, slot, error, a.number, refresh || again || delay != null);
            if (error instanceof ModelError.RateLimited r && r.retryAfter().isPositive()) {
                slot.providerLimited(gateway.timer().now().plus(r.retryAfter()));
            }
            if (delay != null) {
                pending = gateway.timer().schedule(delay, this::next);
                return;
            }
        }
        if (refresh) {
            gateway.timer().execute(this::refreshThenRetry);
        } else if (again) {
            acquire();
        } else {
            fail(finalError(error), null);
        }
    }

    private void refreshThenRetry() {
        try {
            gateway.forceRefresh(slot.id);
        } catch (RuntimeException e) {
            ModelError err = new ModelError.Unauthorized(slot.id, "the forced credential refresh failed: " + e.getMessage());
            gateway.record(this, slot, err, attempts, false);
            fail(err, null);
            return;
        }
        // the refreshed credential gets one more try even if the retry budget is spent
        synchronized (this) {
            if (attempts >= gateway.settings().retry().maxAttempts()) {
                attempts = gateway.settings().retry().maxAttempts() - 1;
            }
        }
        next();
    }

    private static Duration hint(ModelError error) {
        return error instanceof ModelError.RateLimited r ? r.retryAfter() : Duration.ZERO;
    }

    private ModelError finalError(ModelError error) {
        if (error instanceof ModelError.RateLimited r && !r.retryAfter().isPositive()) {
            return new ModelError.RateLimited(r.provider(), DEFAULT_RATE_LIMIT_HINT);
        }
        return error;
    }

    /** The terminal error call; {@code detail} goes into the exception's message chain, if given. */
    void fail(ModelError error, String detail) {
        deliver.lock();
        try {
            if (terminal) {
                return;
            }
            terminal = true;
            ModelException e = detail == null ? new ModelException(error)
                    : new ModelException(error, new IllegalStateException(detail));
            try {
                listener.onError(e);
            } catch (RuntimeException ignored) {
                // nothing follows a terminal call anyway
            }
            done.completeExceptionally(e);
            gateway.finished(this, error instanceof ModelError.Cancelled ? Gateway.Outcome.CANCELLED : Gateway.Outcome.FAILED);
        } finally {
            deliver.unlock();
        }
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    boolean ended() {
        return terminal;
    }

    boolean isCurrent(Attempt a) {
        return current == a;
    }

    /** Called by the gateway's sweeper: times out the current attempt if it is overdue. */
    void checkTimeouts(long now) {
        Attempt a = current;
        if (a != null) {
            a.check(now);
        }
    }
}
