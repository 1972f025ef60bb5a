package dev.trellis.gateway.internal;

import dev.trellis.api.model.ModelProvider;
import java.util.Objects;

/**
 * A {@code ModelProvider} service as the gateway was given it: the service object and what its
 * {@code ServiceReference} said at bind time (the reference may be unusable by the time the instance drains).
 */
record ProviderRef(ModelProvider provider, String providerId, long serviceId, int ranking, long bundleId,
        String bundleSymbolicName, String bundleVersion) {
    ProviderRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        Objects.requireNonNull(bundleVersion, "bundleVersion");
    }
}
