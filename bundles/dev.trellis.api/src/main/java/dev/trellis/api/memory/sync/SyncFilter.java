package dev.trellis.api.memory.sync;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Which blocks a subscription follows. */
public sealed interface SyncFilter permits SyncFilter.ByPattern, SyncFilter.Addresses {

    /**
     * Every block matching all present criteria, including blocks created later.
     *
     * @param scope       only this scope
     * @param labelPrefix only labels starting with this ("" = any)
     * @param schema      only this schema
     */
    record ByPattern(Optional<Scope> scope, String labelPrefix, Optional<Schema> schema) implements SyncFilter {
        public ByPattern {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(labelPrefix, "labelPrefix");
            Objects.requireNonNull(schema, "schema");
        }
    }

    /**
     * Exactly these blocks; an address that does not exist yet is delivered when created.
     *
     * @param addresses at least one address, no duplicates
     */
    record Addresses(List<BlockAddress> addresses) implements SyncFilter {
        public Addresses {
            addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("address filter is empty");
            }
            if (addresses.stream().distinct().count() != addresses.size()) {
                throw new IllegalArgumentException("address filter has duplicates: " + addresses);
            }
        }
    }

    /** Every block of one scope. */
    static SyncFilter scope(Scope scope) {
        return new ByPattern(Optional.of(scope), "", Optional.empty());
    }
}
