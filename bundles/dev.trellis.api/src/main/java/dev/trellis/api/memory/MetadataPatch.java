package dev.trellis.api.memory;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Changes to a block's metadata; empty fields stay as they are. Changing {@code permission} needs
 * {@link Access#DELETE} (admin); the other fields need {@link Access#OVERWRITE}.
 */
public record MetadataPatch(Optional<Tier> tier, Optional<String> description, Optional<Boolean> pinned,
        Optional<Permission> permission, OptionalInt charLimit) {

    /** A patch that changes nothing. */
    public static final MetadataPatch NONE = new MetadataPatch(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), OptionalInt.empty());

    /** @throws IllegalArgumentException if a present char limit is below 1 */
    public MetadataPatch {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(pinned, "pinned");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(charLimit, "charLimit");
        if (charLimit.isPresent() && charLimit.getAsInt() < 1) {
            throw new IllegalArgumentException("charLimit must be >= 1, was " + charLimit.getAsInt());
        }
    }

    public MetadataPatch withTier(Tier value) {
        return new MetadataPatch(Optional.of(value), description, pinned, permission, charLimit);
    }

    public MetadataPatch withDescription(String value) {
        return new MetadataPatch(tier, Optional.of(value), pinned, permission, charLimit);
    }

    public MetadataPatch withPinned(boolean value) {
        return new MetadataPatch(tier, description, Optional.of(value), permission, charLimit);
    }

    public MetadataPatch withPermission(Permission value) {
        return new MetadataPatch(tier, description, pinned, Optional.of(value), charLimit);
    }

    public MetadataPatch withCharLimit(int value) {
        return new MetadataPatch(tier, description, pinned, permission, OptionalInt.of(value));
    }

    /** True if the patch changes nothing. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
