package dev.trellis.gateway.internal;

import dev.trellis.api.model.ModelProvider;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code ModelProvider} service as the gateway was given it: the service object and what its
 * {@code ServiceReference} said at bind time (the reference may be unusable by the time the instance drains);
 * {@code modelsTtl} is its {@code provider.models.ttl} property, if it has one.
 */
record ProviderRef(ModelProvider provider, String providerId, long serviceId, int ranking, long bundleId,
        String bundleSymbolicName, String bundleVersion, Optional<Duration> modelsTtl) {
    ProviderRef {
        Objects.requireNonNull(modelsTtl, "modelsTtl");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        Objects.requireNonNull(bundleVersion, "bundleVersion");
    }
}
