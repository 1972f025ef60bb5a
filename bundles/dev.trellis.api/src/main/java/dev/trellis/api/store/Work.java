package dev.trellis.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A unit of work run inside one store transaction. If it returns, the transaction commits; if it
 * throws, the transaction rolls back and the exception reaches the caller of
 * {@link StoreService#inTransaction} unchanged. It must not keep {@code tx} (or objects obtained from
 * it) after returning, and must not start another transaction.
 *
 * @param <T> the result type
 */
@ConsumerType
@FunctionalInterface
public interface Work<T> {

    T run(StoreTransaction tx);
}
