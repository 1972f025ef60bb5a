package dev.trellis.gateway.internal;

import dev.trellis.api.gateway.ProviderInstance;
import dev.trellis.api.gateway.RateLimitState;
import dev.trellis.api.gateway.RecentError;
import dev.trellis.api.model.ModelInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything about one provider id: its live instances (serving first: highest ranking, then newest), the
 * removed ones still draining, the requests waiting for an instance, the rate limiter, counters and recent
 * errors. One lock (this object) guards the instance lists, waiters and limiter; it is held only for
 * bookkeeping, never while calling a provider or a listener.
 */
final class ProviderSlot {

    private static final Comparator<Instance> SERVING_FIRST = Comparator.comparingInt((Instance i) -> i.ranking)
            .reversed().thenComparing(Comparator.comparingLong((Instance i) -> i.ref.serviceId()).reversed());

    final String id;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final Recent<RecentError> errors;
    private final List<Instance> live = new ArrayList<>();
    private final List<Instance> draining = new ArrayList<>();
    private final List<Exchange> waiters = new ArrayList<>();
    private boolean seen;
    private RateLimiter limiter;
    private Instant providerLimitedUntil = Instant.MIN;
    private volatile String lastError;
    private Models models;

    private record Models(long serviceId, long fetchedNanos, List<ModelInfo> list, boolean failed) {
    }

    ProviderSlot(String id, GatewaySettings.Limits limits, int recentErrors, long nowNanos) {
        this.id = id;
        this.errors = new Recent<>(recentErrors);
        this.limiter = new RateLimiter(limits.perMinute(), limits.perDay(), nowNanos);
    }

    /** Applies new limits (if they changed: the budget starts full again) and history size. */
    synchronized void configure(GatewaySettings.Limits limits, int recentErrors, long nowNanos) {
        if (limiter.perMinute() != limits.perMinute() || limiter.perDay() != limits.perDay()) {
            limiter = new RateLimiter(limits.perMinute(), limits.perDay(), nowNanos);
        }
        errors.resize(recentErrors);
    }

    /** What {@link #add} did: who served before and after, and the requests that waited for an instance. */
    record Addition(Instance before, Instance serving, List<Exchange> woken) {
    }

    /** Adds an instance; the caller restarts the requests that waited for one. */
    synchronized Addition add(Instance instance) {
        Instance before = live.isEmpty() ? null : live.getFirst();
        live.add(instance);
        live.sort(SERVING_FIRST);
        seen = true;
        List<Exchange> woken = List.copyOf(waiters);
        waiters.clear();
        return new Addition(before, live.getFirst(), woken);
    }

    /** The instance serving now, or null. */
    synchronized Instance serving() {
        return live.isEmpty() ? null : live.getFirst();
    }

    /** What {@link #remove} did: the instance, its streams at that moment, and who serves now (or null). */
    record Removal(Instance instance, int inFlight, Instance successor) {
    }

    /** Marks an instance removed; it keeps draining if streams run on it. Null if unknown. */
    synchronized Removal remove(long serviceId, Instant at, long nowNanos) {
        for (int i = 0; i < live.size(); i++) {
            Instance inst = live.get(i);
            if (inst.ref.serviceId() == serviceId) {
                live.remove(i);
                inst.removed = true;
                inst.removedAt = at;
                inst.removedNanos = nowNanos;
                if (inst.inFlight > 0) {
                    draining.add(inst);
                }
                return new Removal(inst, inst.inFlight, live.isEmpty() ? null : live.getFirst());
            }
        }
        return null;
    }

    synchronized boolean isRemoved(Instance i) {
        return i.removed;
    }

    synchronized void rerank(long serviceId, int ranking) {
        for (Instance i : live) {
            if (i.ref.serviceId() == serviceId) {
                i.ranking = ranking;
            }
        }
        live.sort(SERVING_FIRST);
    }

    /** Takes the serving instance for a new stream (counts it in flight), or null if there is none. */
    synchronized Instance acquire() {
        if (live.isEmpty()) {
            return null;
        }
        Instance i = live.getFirst();
        i.inFlight++;
        i.served++;
        return i;
    }

    /** A stream on {@code i} ended. True if {@code i} was removed and this was its last stream. */
    synchronized boolean release(Instance i) {
        i.inFlight--;
        return i.removed && i.inFlight == 0 && draining.remove(i);
    }

    /** Forgets a draining instance after the drain bound; true if it was still draining. */
    synchronized boolean giveUp(Instance i) {
        return draining.remove(i);
    }

    /**
     * Takes the serving instance for a new stream like {@link #acquire}, or, if there is none, queues
     * {@code e} until one is added, in one step: an instance added in between cannot be missed.
     */
    synchronized Instance acquireOrAwait(Exchange e) {
        Instance i = acquire();
        if (i == null) {
            waiters.add(e);
        }
        return i;
    }

    /** True if {@code e} was still waiting (and now is not). */
    synchronized boolean stopWaiting(Exchange e) {
        return waiters.remove(e);
    }

    synchronized boolean seen() {
        return seen;
    }

    synchronized boolean present() {
        return !live.isEmpty() || !draining.isEmpty();
    }

    /** See {@link RateLimiter#reserve}. */
    synchronized Optional<Duration> reserve(long nowNanos, Duration maxWait) {
        return limiter.reserve(nowNanos, maxWait);
    }

    synchronized Duration rateWaitNow(long nowNanos) {
        return limiter.waitNow(nowNanos);
    }

    /** The provider said 429 with a hint: shown as rate-limited until then. */
    synchronized void providerLimited(Instant until) {
        if (until.isAfter(providerLimitedUntil)) {
            providerLimitedUntil = until;
        }
    }

    synchronized RateLimitState rateLimit(long nowNanos, Instant now) {
        return limiter.state(nowNanos, now, providerLimitedUntil.isAfter(now) ? Optional.of(providerLimitedUntil)
                : Optional.empty());
    }

    void failed(RecentError e) {
        errors.add(e);
        if (!e.retried()) {
            lastError = e.message();
        }
    }

    Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    synchronized int inFlight() {
        int n = 0;
        for (Instance i : live) {
            n += i.inFlight;
        }
        for (Instance i : draining) {
            n += i.inFlight;
        }
        return n;
    }

    synchronized boolean draining() {
        return live.isEmpty() && !draining.isEmpty();
    }

    /** Serving first, then standby, then draining. */
    synchronized List<ProviderInstance> instances() {
        List<ProviderInstance> out = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            out.add(live.get(i).view(i == 0 ? ProviderInstance.Role.SERVING : ProviderInstance.Role.STANDBY));
        }
        for (Instance i : draining) {
            out.add(i.view(ProviderInstance.Role.DRAINING));
        }
        return out;
    }

    /** The cached model list of the serving instance, if fresh. */
    synchronized Optional<List<ModelInfo>> cachedModels(long serviceId, long nowNanos, Duration ttl, Duration failedTtl) {
        Models m = models;
        if (m == null || m.serviceId() != serviceId) {
            return Optional.empty();
        }
        Duration age = Duration.ofNanos(nowNanos - m.fetchedNanos());
        return age.compareTo(m.failed() ? failedTtl : ttl) < 0 ? Optional.of(m.list()) : Optional.empty();
    }

    synchronized void cacheModels(long serviceId, long nowNanos, List<ModelInfo> list, boolean failed) {
        models = new Models(serviceId, nowNanos, List.copyOf(list), failed);
    }
}
