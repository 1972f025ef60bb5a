package dev.trellis.memory.internal;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.schema.SchemaOwner;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The {@link SchemaOwner} services bound to the engine, by schema; with several for one schema the highest
 * service ranking (then the lowest service id) wins. Owners come and go at any time (dynamic reference): a
 * write pins the owner it looked up for its whole transaction.
 */
final class SchemaOwners {

    /** A bound owner with what orders it. */
    private record Bound(SchemaOwner owner, int ranking, long serviceId) {
    }

    private static final Comparator<Bound> BEST_FIRST = Comparator.comparingInt(Bound::ranking).reversed()
            .thenComparingLong(Bound::serviceId);

    private final Map<Schema, ConcurrentSkipListSet<Bound>> bySchema = new ConcurrentHashMap<>();
    private final Set<Schema> required;

    SchemaOwners(Set<Schema> required) {
        this.required = Set.copyOf(required.isEmpty() ? EnumSet.noneOf(Schema.class) : EnumSet.copyOf(required));
    }

    void bind(SchemaOwner owner, int ranking, long serviceId) {
        Objects.requireNonNull(owner, "owner");
        bySchema.computeIfAbsent(owner.schema(), s -> new ConcurrentSkipListSet<>(BEST_FIRST))
                .add(new Bound(owner, ranking, serviceId));
    }

    void unbind(SchemaOwner owner) {
        bySchema.values().forEach(set -> set.removeIf(b -> b.owner() == owner));
    }

    /** The owner of the schema now, if any. */
    Optional<SchemaOwner> of(Schema schema) {
        ConcurrentSkipListSet<Bound> set = bySchema.get(schema);
        if (set == null) {
            return Optional.empty();
        }
        Bound best = set.isEmpty() ? null : set.first();
        return best == null ? Optional.empty() : Optional.of(best.owner());
    }

    /**
     * The owner a write of a block of {@code schema} must go through; empty if the schema has none and needs
     * none.
     *
     * @throws MemoryException {@code StoreUnavailable} if the schema needs an owner and none is bound (nothing
     *                         was written; the write may be retried)
     */
    Optional<SchemaOwner> forWrite(BlockAddress address, Schema schema) {
        Optional<SchemaOwner> owner = of(schema);
        if (owner.isEmpty() && required.contains(schema)) {
            throw new MemoryException(new MemoryError.StoreUnavailable("block " + address + " has schema " + schema.id()
                    + ", whose blocks are written only together with their index, and the bundle that keeps it (a"
                    + " SchemaOwner service with memory.schema=" + schema.id() + ", for task-list dev.trellis.tasks) is"
                    + " not running; nothing was written. Retry once it is active again."));
        }
        return owner;
    }
}
