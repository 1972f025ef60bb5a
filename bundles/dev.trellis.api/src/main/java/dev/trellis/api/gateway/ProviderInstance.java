package dev.trellis.api.gateway;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code ModelProvider} service the gateway routes to (or is draining).
 *
 * @param serviceId          its {@code service.id}
 * @param bundleId           id of the bundle that registered it
 * @param bundleSymbolicName that bundle's symbolic name
 * @param bundleVersion      that bundle's version when the service was bound
 * @param ranking            its {@code service.ranking}
 * @param role               whether new requests go to it
 * @param inFlight           streams running on it now
 * @param served             requests it has started since it was bound
 * @param since              when it was bound (for {@link Role#DRAINING}: when it was removed)
 * @since 1.1
 */
public record ProviderInstance(long serviceId, long bundleId, String bundleSymbolicName, String bundleVersion,
        int ranking, Role role, int inFlight, long served, Instant since) {
    public ProviderInstance {
        Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        Objects.requireNonNull(bundleVersion, "bundleVersion");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(since, "since");
        if (inFlight < 0 || served < 0) {
            throw new IllegalArgumentException("counters must be >= 0");
        }
    }

    /** An instance's part in routing. */
    public enum Role {
        /** New requests for this provider id go here. */
        SERVING,
        /** Registered but outranked by another instance; takes over if that one goes. */
        STANDBY,
        /** Unregistered: finishes its in-flight streams, takes no new ones. */
        DRAINING
    }
}
