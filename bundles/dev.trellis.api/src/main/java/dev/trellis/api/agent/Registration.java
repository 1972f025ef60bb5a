package dev.trellis.api.agent;

import org.osgi.annotation.versioning.ProviderType;

/** An active listener registration; closing it stops delivery. Idempotent; never throws. */
@ProviderType
public interface Registration extends AutoCloseable {

    @Override
    void close();
}
