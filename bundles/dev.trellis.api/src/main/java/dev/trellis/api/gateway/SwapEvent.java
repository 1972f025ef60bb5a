package dev.trellis.api.gateway;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider instance came, went or finished draining.
 *
 * @param at            when
 * @param providerId    the provider id
 * @param kind          what happened
 * @param serviceId     the instance's {@code service.id}
 * @param bundleId      the bundle that registered it
 * @param bundleVersion that bundle's version when the instance was bound
 * @param inFlight      streams running on the instance at that moment
 * @param detail        one line for people, e.g. "now serving (replaces service 42)"
 * @since 1.1
 */
public record SwapEvent(Instant at, String providerId, Kind kind, long serviceId, long bundleId, String bundleVersion,
        int inFlight, String detail) {
    public SwapEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bundleVersion, "bundleVersion");
        Objects.requireNonNull(detail, "detail");
        if (inFlight < 0) {
            throw new IllegalArgumentException("inFlight must be >= 0");
        }
    }

    /** Kinds of swap events. */
    public enum Kind {
        /** A provider service was bound. */
        ADDED,
        /** A provider service was unregistered; {@code inFlight} streams keep running on it. */
        REMOVED,
        /** The last stream of a removed instance ended; the gateway let go of it. */
        DRAINED,
        /** A removed instance still had streams after the drain bound; the gateway let go of it anyway. */
        DRAIN_TIMEOUT
    }
}
