package dev.trellis.api.memory.sync;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A live memory-sync subscription. Close it when done; the host also closes it when the subscribing
 * bundle stops. After {@link #close()} returns, the listener receives no more events.
 */
@ProviderType
public interface Subscription extends AutoCloseable {

    /** Host-assigned id, unique for the life of the host, positive. */
    long id();

    /** Capacity of this subscriber's event queue. */
    int queueDepth();

    /** True once closed (by the caller or the host). */
    boolean isClosed();

    /** Stops delivery; idempotent; never throws. */
    @Override
    void close();
}
