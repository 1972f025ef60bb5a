package dev.trellis.skills.internal;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.MetadataPatch;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.plugin.PluginId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the skill blocks of one {@link Namespace} exactly as a source wants them, writing only what
 * differs: an unchanged file makes no new revision. A block is rewritten when its content or
 * description differ from the source, when it is not a skill block, or when someone other than this
 * bundle wrote its current revision (its text then is not the source's, even if equal, and its tier
 * would not be the source's). Blocks the source lacks are deleted, except those it asks to keep (a
 * file that does not parse keeps its last good skill).
 *
 * <p>Source blocks are created with permission {@code admin}: this bundle writes through its own
 * bundle-scoped {@code MemoryService} like any plugin, and deleting a block needs admin.
 */
final class Reconciler {

    /** What one sync did. */
    record Result(int created, int updated, int deleted, int unchanged, List<String> failures) {
        Result {
            failures = List.copyOf(failures);
        }

        boolean changedAnything() {
            return created + updated + deleted > 0;
        }
    }

    private final MemoryService memory;
    private final Author.Plugin self;

    Reconciler(MemoryService memory, PluginId self) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.self = new Author.Plugin(Objects.requireNonNull(self, "self"));
    }

    /** True if this bundle wrote the block's current revision. */
    boolean ownedBySelf(BlockMetadata m) {
        return self.equals(m.lastAuthor());
    }

    /**
     * @param wanted skill name → wanted state
     * @param keep   names whose blocks stay as they are (not written, not deleted)
     */
    Result sync(Namespace space, Map<String, Wanted> wanted, Set<String> keep) {
        int created = 0;
        int updated = 0;
        int deleted = 0;
        int unchanged = 0;
        List<String> failures = new ArrayList<>();
        List<BlockMetadata> existing = memory.list(ListFilter.in(space.scope()).withLabelPrefix(space.prefix()))
                .stream().filter(m -> space.contains(m.address())).toList();
        for (BlockMetadata m : existing) {
            String name = space.nameOf(m.address());
            if (!wanted.containsKey(name) && !keep.contains(name)) {
                try {
                    memory.apply(m.address(), new MemoryOp.Delete());
                    deleted++;
                } catch (MemoryException e) {
                    failures.add("cannot delete " + m.address() + ": " + e.getMessage());
                }
            }
        }
        for (Map.Entry<String, Wanted> e : wanted.entrySet()) {
            BlockAddress address = space.address(e.getKey());
            try {
                switch (write(address, e.getValue())) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
            } catch (MemoryException | IllegalArgumentException ex) {
                failures.add(e.getValue().location() + ": cannot store skill " + address + ": " + ex.getMessage());
            }
        }
        return new Result(created, updated, deleted, unchanged, failures);
    }

    private enum Outcome { CREATED, UPDATED, UNCHANGED }

    private Outcome write(BlockAddress address, Wanted w) {
        Optional<Block> current = memory.read(address);
        int limit = Math.max(BlockMetadata.DEFAULT_CHAR_LIMIT, w.text().length());
        // admin: deleting a block needs it, and the source's files decide when its blocks go
        BlockCreate create = new BlockCreate(address, Tier.WORKING, Schema.SKILL, w.description(), limit,
                Permission.ADMIN, false, w.text());
        if (current.isEmpty()) {
            memory.create(create);
            return Outcome.CREATED;
        }
        Block b = current.get();
        BlockMetadata m = b.metadata();
        if (m.schema() != Schema.SKILL || w.text().length() > m.charLimit()) {
            // a foreign block in our namespace, or a skill that outgrew its block: start the block over
            memory.createOrReplace(create);
            return Outcome.UPDATED;
        }
        boolean changed = false;
        if (!b.content().equals(w.text()) || !ownedBySelf(m)) {
            memory.apply(address, new MemoryOp.Set(w.text()));
            changed = true;
        }
        if (!m.description().equals(w.description())) {
            memory.apply(address, new MemoryOp.PatchMetadata(MetadataPatch.NONE.withDescription(w.description())));
            changed = true;
        }
        return changed ? Outcome.UPDATED : Outcome.UNCHANGED;
    }
}
