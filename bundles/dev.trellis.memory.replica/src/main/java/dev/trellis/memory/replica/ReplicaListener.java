package dev.trellis.memory.replica;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Plugin code's hook into a {@link MemoryReplica}. Called on the subscription's delivery thread, in
 * order, after the local copy has been updated, so {@link MemoryReplica#get} already shows the change.
 * It should return quickly (a slow listener makes the host resync the subscription). A runtime
 * exception it throws reaches the host, which logs it and goes on with the next event; the local copy
 * has already been updated.
 */
@ConsumerType
@FunctionalInterface
public interface ReplicaListener {

    void onChange(ReplicaEvent event);
}
