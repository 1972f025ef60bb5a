package dev.trellis.gateway.internal;

import dev.trellis.api.gateway.ProviderInstance;
import java.time.Instant;

/**
 * One provider service in a {@link ProviderSlot}: counts its running streams so that, once it is removed,
 * the gateway knows when it has drained. Mutable state is guarded by the slot's lock.
 */
final class Instance {

    final ProviderRef ref;
    final Instant boundAt;
    int ranking;
    int inFlight;
    long served;
    boolean removed;
    Instant removedAt;
    long removedNanos;

    Instance(ProviderRef ref, Instant boundAt) {
        this.ref = ref;
        this.ranking = ref.ranking();
        this.boundAt = boundAt;
    }

    ProviderInstance view(ProviderInstance.Role role) {
        return new ProviderInstance(ref.serviceId(), ref.bundleId(), ref.bundleSymbolicName(), ref.bundleVersion(),
                ranking, role, inFlight, served, removed ? removedAt : boundAt);
    }

    @Override
    public String toString() {
        return "service " + ref.serviceId() + " (" + ref.bundleSymbolicName() + " " + ref.bundleVersion() + ")";
    }
}
