package dev.trellis.agent.internal.turn;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.prompt.MemoryPrompts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one agent has been shown of its memory, and the segment-3 text that brings it up to date
 * (reference §1.5/§1.6).
 *
 * <p>At the opening of a turn: a <b>full</b> snapshot ({@code [memory:current_state]} with every
 * visible block) on the first turn, after a compaction, and every {@code fullEvery} turns; otherwise a
 * <b>delta</b>: blocks changed by someone else since the agent last saw them come as
 * {@code [memory:written|updated|deleted]} notices (with a diff), blocks the agent changed itself are
 * shown again in a delta snapshot that also lists every visible block, and nothing at all is added
 * when nothing changed. Between the model calls of a turn only other authors' changes are noticed;
 * the agent's own edits wait for the next opening.
 *
 * <p>Skill blocks are left out (skills are loaded on purpose). Order: core blocks first, then by
 * scope and label. State changes only when the turn that saw them is stored ({@link #commit}).
 */
final class MemoryLens {

    /** First line of a delta snapshot. */
    static final String DELTA_HEADER = "[memory:current_state] delta: blocks you changed since your last snapshot";

    private static final Comparator<Block> ORDER = Comparator.<Block, Integer>comparing(b -> b.metadata().tier() == Tier.CORE ? 0 : 1)
            .thenComparing(b -> b.address().scope().key()).thenComparing(b -> b.address().label());

    /** The state a turn works on; {@link #commit} makes it the agent's. */
    static final class Frame {
        private final Map<BlockAddress, Block> seen;
        private final int sinceFull;
        private final boolean changed;

        private Frame(Map<BlockAddress, Block> seen, int sinceFull, boolean changed) {
            this.seen = seen;
            this.sinceFull = sinceFull;
            this.changed = changed;
        }
    }

    /** The opening of a turn: its snapshot text and notices (either may be absent), and the new state. */
    record Opening(Optional<String> snapshot, List<String> notices, boolean full, Frame frame) {
    }

    private final Author self;
    private Map<BlockAddress, Block> seen;     // null: never shown anything
    private int sinceFull;
    private boolean fullDue;

    MemoryLens(Author self) {
        this.self = Objects.requireNonNull(self, "self");
    }

    /** The next opening gets a full snapshot (after compaction). */
    void forceFull() {
        fullDue = true;
    }

    Opening open(MemoryService view, MemoryPrompts prompts, int fullEvery, Instant now) {
        Map<BlockAddress, Block> current = look(view);
        if (seen == null || fullDue || sinceFull + 1 >= fullEvery) {
            List<Block> blocks = new ArrayList<>(current.values());
            // nothing to show: no snapshot at all (the next block to appear comes as a notice)
            Optional<String> text = blocks.isEmpty() ? Optional.empty() : Optional.of(prompts.snapshot(blocks));
            return new Opening(text, List.of(), true, new Frame(current, 0, true));
        }
        List<String> notices = new ArrayList<>();
        List<Block> own = new ArrayList<>();
        for (Block b : current.values()) {
            Block before = seen.get(b.address());
            if (before != null && before.contentHash().equals(b.contentHash())) {
                continue;
            }
            if (b.metadata().lastAuthor().equals(self)) {
                own.add(b);
            } else {
                notices.add(before == null ? prompts.written(b) : prompts.updated(before, b));
            }
        }
        for (Block gone : seen.values()) {
            if (!current.containsKey(gone.address())) {
                notices.add(prompts.deleted(gone.metadata(), Optional.empty(), now));
            }
        }
        Optional<String> snapshot = own.isEmpty() ? Optional.empty() : Optional.of(delta(current, own, prompts));
        return new Opening(snapshot, notices, false, new Frame(current, sinceFull + 1, true));
    }

    /**
     * Between model calls: notices of what others changed since the frame's state; the frame takes those
     * changes in. The agent's own changes are left for the next opening.
     */
    List<String> between(Frame frame, MemoryService view, MemoryPrompts prompts, Instant now) {
        Map<BlockAddress, Block> current = look(view);
        List<String> notices = new ArrayList<>();
        for (Block b : current.values()) {
            Block before = frame.seen.get(b.address());
            if ((before != null && before.contentHash().equals(b.contentHash())) || b.metadata().lastAuthor().equals(self)) {
                continue;
            }
            notices.add(before == null ? prompts.written(b) : prompts.updated(before, b));
            frame.seen.put(b.address(), b);
        }
        List<BlockAddress> gone = frame.seen.keySet().stream().filter(a -> !current.containsKey(a)).toList();
        for (BlockAddress a : gone) {
            BlockMetadata m = frame.seen.remove(a).metadata();
            notices.add(prompts.deleted(m, Optional.empty(), now));
        }
        return notices;
    }

    /** The turn that used {@code frame} was stored: its view of memory is now the agent's. */
    void commit(Frame frame) {
        if (frame.changed) {
            seen = new LinkedHashMap<>(frame.seen);
            sinceFull = frame.sinceFull;
            fullDue = false;
        }
    }

    /** A frame that changes nothing (memory unavailable). */
    static Frame unchanged() {
        return new Frame(new LinkedHashMap<>(), 0, false);
    }

    static String delta(Map<BlockAddress, Block> current, List<Block> own, MemoryPrompts prompts) {
        StringBuilder out = new StringBuilder(DELTA_HEADER).append('\n').append("blocks: ");
        out.append(String.join(", ", current.keySet().stream().map(BlockAddress::toString).toList())).append('\n');
        for (Block b : own) {
            out.append('\n').append(prompts.block(b)).append('\n');
        }
        return out.toString();
    }

    private static Map<BlockAddress, Block> look(MemoryService view) {
        List<Block> blocks = new ArrayList<>();
        for (BlockMetadata m : view.list(ListFilter.ALL)) {
            if (m.schema() != Schema.SKILL) {
                view.read(m.address()).ifPresent(blocks::add);
            }
        }
        blocks.sort(ORDER);
        Map<BlockAddress, Block> out = new LinkedHashMap<>();
        blocks.forEach(b -> out.put(b.address(), b));
        return out;
    }
}
