package dev.trellis.api.memory.sync;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives a subscription's events. Called from one thread per subscription, in order, never
 * concurrently. It should return quickly: while it runs, events queue up, and a full queue causes a
 * {@link SyncEvent.Resync}. A runtime exception it throws is logged and the event is skipped; the
 * subscription continues.
 */
@ConsumerType
@FunctionalInterface
public interface SyncListener {

    void onEvent(SyncEvent event);
}
