package dev.trellis.api.memory.prompt;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Renders memory blocks as models see them (the text shapes of reference §1.6). Registered by the
 * memory bundle; stateless and thread-safe. Rendered content is schema-aware (map fields as
 * {@code field: value} lines, lists as {@code - item} lines, logs newest first). Timestamps are shown
 * in the host's local zone as {@code yyyy-MM-dd HH:mm:ss zone (Weekday)}.
 */
@ProviderType
public interface MemoryPrompts {

    /** Characters of a preview before it is cut with {@code … (N chars elided)}. */
    int PREVIEW_CHARS = 240;

    /**
     * The snapshot body: {@code [memory:current_state]}, then a blank line and one element per block,
     * blocks separated by blank lines, ending with a newline.
     */
    String snapshot(List<Block> blocks);

    /**
     * One block: {@code <block:LABEL type="core" permission="Read, Append, Write">}, the description
     * and a blank line (if there is a description), the rendered content, {@code </block:LABEL>}.
     */
    String block(Block block);

    /**
     * {@code [memory:written] block '<address>' (type: <tier>, author: <author>, at: <time>)} and a
     * preview of the rendered content; author and time are the block's last author and update time.
     */
    String written(Block block);

    /**
     * {@code [memory:updated] ...} with a unified diff (context 1) from {@code before} to
     * {@code after} of the rendered contents, or {@code (content unchanged from previous snapshot)}
     * and a preview; author and time are {@code after}'s.
     */
    String updated(Block before, Block after);

    /**
     * {@code [memory:deleted] block '<address>' (type: <tier>, author: <author>, at: <time>)};
     * {@code author: unknown} when who deleted it is not known.
     */
    String deleted(BlockMetadata last, Optional<Author> by, Instant at);
}
