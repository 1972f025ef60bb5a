package dev.trellis.memory.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.prompt.MemoryPrompts;
import dev.trellis.memory.internal.core.ChangeNotices;
import dev.trellis.memory.internal.core.ContentOps;
import dev.trellis.memory.internal.core.Renderer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@link MemoryPrompts} over the bundle's {@link Renderer} and {@link ChangeNotices}, so the agent
 * runtime shows blocks exactly as the memory tools do. Timestamps in the host's local zone.
 */
@Component(service = MemoryPrompts.class)
public final class MemoryPromptsImpl implements MemoryPrompts {

    private final Renderer renderer;
    private final ChangeNotices notices;

    @Activate
    public MemoryPromptsImpl() {
        this(ZoneId.systemDefault());
    }

    /** With timestamps in {@code zone} (tests pin it). */
    public MemoryPromptsImpl(ZoneId zone) {
        this.renderer = new Renderer(new ContentOps(new ObjectMapper()));
        this.notices = new ChangeNotices(Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public String snapshot(List<Block> blocks) {
        return renderer.snapshot(Objects.requireNonNull(blocks, "blocks"));
    }

    @Override
    public String block(Block block) {
        return renderer.block(Objects.requireNonNull(block, "block"));
    }

    @Override
    public String written(Block block) {
        BlockMetadata m = block.metadata();
        return notices.written(m.address(), m.tier(), m.lastAuthor(), m.updatedAt(), rendered(block));
    }

    @Override
    public String updated(Block before, Block after) {
        BlockMetadata m = after.metadata();
        return notices.updated(m.address(), m.tier(), m.lastAuthor(), m.updatedAt(), rendered(before), rendered(after));
    }

    @Override
    public String deleted(BlockMetadata last, Optional<Author> by, Instant at) {
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(at, "at");
        return by.map(a -> notices.deleted(last.address(), last.tier(), a, at))
                .orElseGet(() -> notices.deletedByUnknown(last.address(), last.tier(), at));
    }

    private String rendered(Block b) {
        return renderer.content(b.address(), b.metadata().schema(), b.content());
    }
}
