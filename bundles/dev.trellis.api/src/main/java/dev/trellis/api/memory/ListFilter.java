package dev.trellis.api.memory;

import java.util.Objects;
import java.util.Optional;

/**
 * Selects blocks for {@link MemoryService#list(ListFilter)}; empty fields match everything, present
 * ones are ANDed.
 *
 * @param scope       only this scope
 * @param labelPrefix only labels starting with this text
 * @param tier        only this tier
 * @param schema      only this schema
 */
public record ListFilter(Optional<Scope> scope, Optional<String> labelPrefix, Optional<Tier> tier,
        Optional<Schema> schema) {

    /** Matches every block the caller may see. */
    public static final ListFilter ALL = new ListFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public ListFilter {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(labelPrefix, "labelPrefix");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(schema, "schema");
    }

    /** Every block of one scope. */
    public static ListFilter in(Scope scope) {
        return ALL.withScope(scope);
    }

    public ListFilter withScope(Scope value) {
        return new ListFilter(Optional.of(value), labelPrefix, tier, schema);
    }

    public ListFilter withLabelPrefix(String value) {
        return new ListFilter(scope, Optional.of(value), tier, schema);
    }

    public ListFilter withTier(Tier value) {
        return new ListFilter(scope, labelPrefix, Optional.of(value), schema);
    }

    public ListFilter withSchema(Schema value) {
        return new ListFilter(scope, labelPrefix, tier, Optional.of(value));
    }
}
