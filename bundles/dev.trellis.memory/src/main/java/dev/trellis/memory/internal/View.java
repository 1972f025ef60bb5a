package dev.trellis.memory.internal;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.memory.SharedBlock;
import dev.trellis.api.memory.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which scopes a caller may read and write (reference §2.3). Unbound: everything. Bound to
 * {@code (persona, project?, policy)}: only those two scopes; without a project the persona is fully
 * usable; with one, the project is, and the persona is
 * <ul>
 *   <li>{@code none}: readable and writable,</li>
 *   <li>{@code core-only}: core blocks readable, nothing writable,</li>
 *   <li>{@code full}: hidden, nothing writable.</li>
 * </ul>
 * Hidden blocks read as absent; forbidden writes are {@code IsolationDenied}. A bound view also reads
 * the blocks attached to its agent ({@link #agent()}), with the effective permission of the share.
 */
record View(Optional<ScopeBinding> binding) {

    static final View ALL = new View(Optional.empty());

    static View of(ScopeBinding binding) {
        return new View(Optional.of(binding));
    }

    boolean canRead(BlockMetadata m) {
        if (binding.isEmpty()) {
            return true;
        }
        ScopeBinding b = binding.get();
        Scope s = m.address().scope();
        if (b.project().isPresent() && b.project().get().equals(s)) {
            return true;
        }
        if (!b.persona().equals(s)) {
            return false;
        }
        if (b.project().isEmpty()) {
            return true;
        }
        return switch (b.policy()) {
            case NONE -> true;
            case CORE_ONLY -> m.tier() == Tier.CORE;
            case FULL -> false;
        };
    }

    boolean canWrite(Scope s) {
        if (binding.isEmpty()) {
            return true;
        }
        ScopeBinding b = binding.get();
        if (b.project().isPresent()) {
            return b.project().get().equals(s) || (b.persona().equals(s) && b.policy() == IsolationPolicy.NONE);
        }
        return b.persona().equals(s);
    }

    /** The agent a bound view belongs to (its persona id): whose shared blocks it may also read. */
    Optional<String> agent() {
        return binding.map(b -> b.persona().id());
    }

    /** A block as an agent sees it through an attachment: with the lower of the two permissions. */
    static Block throughShare(Block block, SharedBlock share) {
        BlockMetadata m = block.metadata();
        Permission effective = share.permission().allows(m.permission()) ? m.permission() : share.permission();
        BlockMetadata seen = new BlockMetadata(m.address(), m.tier(), m.schema(), m.description(), m.charLimit(),
                effective, m.pinned(), m.createdAt(), m.updatedAt(), m.lastAuthor());
        return new Block(seen, block.content(), block.revision(), block.contentHash());
    }

    /** @throws MemoryException {@code IsolationDenied} */
    void checkWrite(BlockAddress address) {
        if (!canWrite(address.scope())) {
            throw new MemoryException(new MemoryError.IsolationDenied(address,
                    binding.map(ScopeBinding::policy).orElse(IsolationPolicy.NONE)));
        }
    }

    /** True if some blocks of the scope may be visible (used to narrow searches). */
    boolean mayRead(Scope s) {
        if (binding.isEmpty()) {
            return true;
        }
        ScopeBinding b = binding.get();
        if (b.project().isPresent() && b.project().get().equals(s)) {
            return true;
        }
        return b.persona().equals(s) && (b.project().isEmpty() || b.policy() != IsolationPolicy.FULL);
    }

    /** The scopes a bound view reads, for searches without named scopes; empty when unbound. */
    List<Scope> boundScopes() {
        List<Scope> out = new ArrayList<>();
        binding.ifPresent(b -> {
            b.project().ifPresent(out::add);
            if (mayRead(b.persona())) {
                out.add(b.persona());
            }
        });
        return out;
    }
}
