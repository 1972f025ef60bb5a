package dev.trellis.gateway.internal;

import dev.trellis.api.gateway.GatewaySnapshot;
import dev.trellis.api.gateway.ModelGateway;
import dev.trellis.api.gateway.ProviderDetails;
import dev.trellis.api.gateway.ProviderStatus;
import dev.trellis.api.gateway.RateLimitState;
import dev.trellis.api.gateway.RecentError;
import dev.trellis.api.gateway.SwapEvent;
import dev.trellis.api.model.ChatRequest;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.api.model.StreamHandle;
import dev.trellis.api.model.StreamListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;

/**
 * The gateway without OSGi: provider instances come and go through {@link #add}/{@link #remove}, requests
 * through {@link #stream}. {@link GatewayComponent} feeds it from Declarative Services; unit tests feed it
 * directly with a manual {@link Timer}.
 *
 * <p>Hot swap: an instance removed while streams run on it is kept as DRAINING (no new requests) until the
 * provider ends its last stream, or until the drain bound; new requests go to the serving instance, or wait
 * for one if there is none. The provider's own deactivation waits for its streams, so its code stays loaded
 * until they end.
 */
final class Gateway {

    /** Credentials as far as the gateway cares (backed by the optional CredentialResolver). */
    interface Credentials {
        /** True if requests to this provider would have a credential (providers without credentials: true). */
        boolean available(String providerId);

        /** True if a forced refresh can be tried for this provider. */
        boolean refreshable(String providerId);

        /** Forces a credential refresh; may block; throws if it failed. */
        void forceRefresh(String providerId);
    }

    /** Where the gateway says what happens to providers. */
    interface Log {
        void info(String message);

        void warn(String message);
    }

    private static final Duration FAILED_LISTING_TTL = Duration.ofSeconds(30);

    private final Timer timer;
    private final DoubleSupplier random;
    private final Credentials credentials;
    private final Log log;
    private final ConcurrentHashMap<String, ProviderSlot> slots = new ConcurrentHashMap<>();
    private final Recent<SwapEvent> swaps;
    private final Set<Exchange> active = ConcurrentHashMap.newKeySet();
    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition idle = idleLock.newCondition();
    private volatile GatewaySettings settings;
    private volatile boolean closed;
    private Timer.Cancellable sweeper;
    private long sweepEveryNanos;

    Gateway(GatewaySettings settings, Timer timer, DoubleSupplier random, Credentials credentials, Log log) {
        this.settings = settings;
        this.timer = timer;
        this.random = random;
        this.credentials = credentials;
        this.log = log;
        this.swaps = new Recent<>(settings.swapHistory());
        startSweeping(settings);
    }

    /**
     * How often running attempts are checked for timeouts: a twentieth of the shorter bound, between 10 ms and
     * 1 s, so a timeout fires at most 5 % (or 1 s) late. One periodic task instead of a timer per request.
     */
    static Duration sweepInterval(GatewaySettings s) {
        long first = s.firstEventTimeout().toNanos();
        long idle = s.idleTimeout().toNanos();
        long shorter = first == 0 ? idle : idle == 0 ? first : Math.min(first, idle);
        if (shorter == 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.clamp(shorter / 20, Duration.ofMillis(10).toNanos(), Duration.ofSeconds(1).toNanos()));
    }

    private synchronized void startSweeping(GatewaySettings s) {
        long every = sweepInterval(s).toNanos();
        if (every == sweepEveryNanos) {
            return;
        }
        if (sweeper != null) {
            sweeper.cancel();
            sweeper = null;
        }
        sweepEveryNanos = every;
        if (every > 0) {
            sweeper = timer.schedule(Duration.ofNanos(every), this::sweep);
        }
    }

    private void sweep() {
        long now = timer.nanoTime();
        for (Exchange e : active) {
            e.checkTimeouts(now);
        }
        synchronized (this) {
            if (!closed && sweepEveryNanos > 0) {
                sweeper = timer.schedule(Duration.ofNanos(sweepEveryNanos), this::sweep);
            }
        }
    }

    GatewaySettings settings() {
        return settings;
    }

    Timer timer() {
        return timer;
    }

    double random() {
        return random.getAsDouble();
    }

    void configure(GatewaySettings s) {
        settings = s;
        startSweeping(s);
        swaps.resize(s.swapHistory());
        long now = timer.nanoTime();
        slots.values().forEach(slot -> slot.configure(s.limitsFor(slot.id), s.recentErrors(), now));
    }

    private ProviderSlot slot(String providerId) {
        return slots.computeIfAbsent(providerId, id -> {
            GatewaySettings s = settings;
            return new ProviderSlot(id, s.limitsFor(id), s.recentErrors(), timer.nanoTime());
        });
    }

    // ---- providers ---------------------------------------------------------------------------------------

    void add(ProviderRef ref) {
        ProviderSlot slot = slot(ref.providerId());
        Instance instance = new Instance(ref, timer.now());
        ProviderSlot.Addition a = slot.add(instance);
        String detail;
        if (a.serving() != instance) {
            detail = "standby: " + a.serving() + " keeps serving (higher ranking or newer)";
        } else if (a.before() != null) {
            detail = "now serving, replaces " + a.before();
        } else {
            detail = "now serving";
        }
        if (!a.woken().isEmpty()) {
            detail += "; " + a.woken().size() + " waiting request(s) start now";
        }
        swap(SwapEvent.Kind.ADDED, instance, 0, detail);
        for (Exchange e : a.woken()) {
            timer.execute(e::instanceAppeared);
        }
    }

    void rerank(String providerId, long serviceId, int ranking) {
        ProviderSlot slot = slots.get(providerId);
        if (slot != null) {
            slot.rerank(serviceId, ranking);
        }
    }

    void remove(String providerId, long serviceId) {
        ProviderSlot slot = slots.get(providerId);
        if (slot == null) {
            return;
        }
        ProviderSlot.Removal r = slot.remove(serviceId, timer.now(), timer.nanoTime());
        if (r == null) {
            return;
        }
        String next = r.successor() != null ? r.successor() + " serves new requests"
                : "no other instance: new requests wait up to " + settings.swapWait().toMillis() + " ms for one";
        if (r.inFlight() == 0) {
            swap(SwapEvent.Kind.REMOVED, r.instance(), 0, "released at once (no streams running); " + next);
            return;
        }
        swap(SwapEvent.Kind.REMOVED, r.instance(), r.inFlight(), "draining " + r.inFlight() + " stream(s); " + next);
        Duration bound = settings.drainTimeout();
        timer.schedule(bound, () -> {
            if (slot.giveUp(r.instance())) {
                swap(SwapEvent.Kind.DRAIN_TIMEOUT, r.instance(), r.instance().inFlight,
                        "still running after " + bound.toMillis() + " ms; no longer tracked");
            }
        });
    }

    /** A stream on {@code instance} ended (called once per started stream). */
    void released(ProviderSlot slot, Instance instance) {
        if (slot.release(instance)) {
            long ms = TimeUnit.NANOSECONDS.toMillis(timer.nanoTime() - instance.removedNanos);
            swap(SwapEvent.Kind.DRAINED, instance, 0, "last stream ended " + ms + " ms after removal; released");
        }
    }

    boolean isRemoved(ProviderSlot slot, Instance instance) {
        return slot.isRemoved(instance);
    }

    private void swap(SwapEvent.Kind kind, Instance i, int inFlight, String detail) {
        SwapEvent e = new SwapEvent(timer.now(), i.ref.providerId(), kind, i.ref.serviceId(), i.ref.bundleId(),
                i.ref.bundleVersion(), inFlight, detail);
        swaps.add(e);
        String line = "gateway: provider '" + i.ref.providerId() + "' " + kind.name().toLowerCase(java.util.Locale.ROOT)
                + " " + i + ": " + detail;
        if (kind == SwapEvent.Kind.DRAIN_TIMEOUT) {
            log.warn(line);
        } else {
            log.info(line);
        }
    }

    // ---- requests ----------------------------------------------------------------------------------------

    StreamHandle stream(ChatRequest request, StreamListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        ProviderSlot slot = slot(request.model().provider());
        slot.requests.incrementAndGet();
        Exchange e = new Exchange(request, listener, slot, this);
        active.add(e);
        if (closed) {
            e.fail(new ModelError.ProviderUnavailable(slot.id), "the model gateway is stopping");
            return e;
        }
        e.begin();
        return e;
    }

    /** The caller got its terminal call. */
    void finished(Exchange e, Outcome outcome) {
        if (outcome == Outcome.FAILED) {
            slotOf(e).failures.incrementAndGet();
        }
        if (active.remove(e) && active.isEmpty() && closed) {
            idleLock.lock();
            try {
                idle.signalAll();
            } finally {
                idleLock.unlock();
            }
        }
    }

    enum Outcome { OK, FAILED, CANCELLED }

    private ProviderSlot slotOf(Exchange e) {
        return slot(e.provider());
    }

    void record(Exchange e, ProviderSlot slot, ModelError error, int attempt, boolean retried) {
        slot.failed(new RecentError(timer.now(), e.request.model(), error.getClass().getSimpleName(), error.message(),
                Math.max(1, attempt), retried));
    }

    boolean canRefresh(String providerId) {
        return credentials.refreshable(providerId);
    }

    void forceRefresh(String providerId) {
        credentials.forceRefresh(providerId);
    }

    /**
     * Stops taking requests and waits up to {@code bound} for the running ones; those left are cancelled.
     *
     * @return how many were cancelled
     */
    int close(Duration bound) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + bound.toNanos();
        idleLock.lock();
        try {
            while (!active.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                idle.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            }
        } finally {
            idleLock.unlock();
        }
        List<Exchange> left = List.copyOf(active);
        left.forEach(Exchange::cancel);
        synchronized (this) {
            if (sweeper != null) {
                sweeper.cancel();
            }
        }
        return left.size();
    }

    int active() {
        return active.size();
    }

    // ---- views -------------------------------------------------------------------------------------------

    List<ModelInfo> models() {
        List<ModelInfo> all = new ArrayList<>();
        for (ProviderSlot slot : sortedSlots()) {
            all.addAll(models(slot));
        }
        return all;
    }

    private List<ModelInfo> models(ProviderSlot slot) {
        Instance serving = slot.serving();
        if (serving == null) {
            return List.of();
        }
        long now = timer.nanoTime();
        long id = serving.ref.serviceId();
        Duration ttl = serving.ref.modelsTtl().orElse(settings.modelsCache());
        var cached = slot.cachedModels(id, now, ttl, FAILED_LISTING_TTL);
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            List<ModelInfo> list = List.copyOf(serving.ref.provider().models());
            slot.cacheModels(id, timer.nanoTime(), list, false);
            return list;
        } catch (RuntimeException e) {
            ModelError error = e instanceof dev.trellis.api.model.ModelException me ? me.error()
                    : new ModelError.MalformedStream(slot.id, "listing models failed: " + e);
            slot.failed(new RecentError(timer.now(), new ModelId(slot.id, "*"), error.getClass().getSimpleName(),
                    "listing models: " + error.message(), 1, false));
            slot.cacheModels(id, timer.nanoTime(), List.of(), true);
            return List.of();
        }
    }

    List<ProviderStatus> status() {
        List<ProviderStatus> out = new ArrayList<>();
        for (ProviderSlot slot : sortedSlots()) {
            out.add(status(slot, slot.rateLimit(timer.nanoTime(), timer.now())));
        }
        return out;
    }

    private ProviderStatus status(ProviderSlot slot, RateLimitState limit) {
        ProviderStatus.State state = slot.draining() ? ProviderStatus.State.DRAINING
                : limit.limitedUntil().isPresent() ? ProviderStatus.State.RATE_LIMITED : ProviderStatus.State.AVAILABLE;
        return new ProviderStatus(slot.id, state, slot.inFlight(), slot.requests.get(), slot.failures.get(),
                limit.limitedUntil(), slot.lastError());
    }

    GatewaySnapshot snapshot() {
        List<ProviderDetails> providers = new ArrayList<>();
        for (ProviderSlot slot : sortedSlots()) {
            RateLimitState limit = slot.rateLimit(timer.nanoTime(), timer.now());
            providers.add(new ProviderDetails(status(slot, limit), slot.instances(), models(slot), limit,
                    slot.errors.newestFirst()));
        }
        return new GatewaySnapshot(timer.now(), defaultModel(), providers, swaps.newestFirst());
    }

    ModelId defaultModel() {
        GatewaySettings s = settings;
        if (s.defaultModel().isPresent()) {
            return s.defaultModel().get();
        }
        for (ModelId candidate : s.candidates()) {
            ProviderSlot slot = slots.get(candidate.provider());
            if (slot != null && slot.serving() != null && credentials.available(candidate.provider())) {
                return candidate;
            }
        }
        return ModelGateway.FALLBACK_MODEL;
    }

    /** Providers with at least one registered or draining instance, by id. */
    private List<ProviderSlot> sortedSlots() {
        return slots.values().stream().filter(ProviderSlot::present).sorted(Comparator.comparing(s -> s.id)).toList();
    }
}
