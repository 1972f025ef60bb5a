package dev.trellis.memory.internal.core;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Tier;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Change notices shown to agents when memory changed under them (reference §1.6):
 * {@code [memory:written]} with a preview, {@code [memory:updated]} with a unified diff (context 1) of
 * the rendered content, {@code [memory:deleted]}.
 */
public final class ChangeNotices {

    /** Preview length before eliding. */
    public static final int PREVIEW_CHARS = 240;

    private final DateTimeFormatter timestamps;

    /** @param zone the zone timestamps are shown in (the host's local zone) */
    public ChangeNotices(ZoneId zone) {
        this.timestamps = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z (EEEE)", Locale.ENGLISH)
                .withZone(Objects.requireNonNull(zone, "zone"));
    }

    /** A block was created. */
    public String written(BlockAddress address, Tier tier, Author author, Instant at, String rendered) {
        return header("written", address, tier, author, at) + "\n" + preview(rendered);
    }

    /** A block changed; {@code before}/{@code after} are rendered contents. */
    public String updated(BlockAddress address, Tier tier, Author author, Instant at, String before, String after) {
        String diff = LineDiff.unified(before, after, 1);
        String body = diff.isEmpty() ? "(content unchanged from previous snapshot)\n" + preview(after) : diff.stripTrailing();
        return header("updated", address, tier, author, at) + "\n" + body;
    }

    /** A block changed but its previous content is not known. */
    public String updatedWithoutPrevious(BlockAddress address, Tier tier, Author author, Instant at, String after) {
        return header("updated", address, tier, author, at) + "\n(previous content unavailable)\n" + preview(after);
    }

    /** A block was deleted. */
    public String deleted(BlockAddress address, Tier tier, Author author, Instant at) {
        return header("deleted", address, tier, author, at);
    }

    /** A block was deleted by someone not known (e.g. seen missing at the next look). */
    public String deletedByUnknown(BlockAddress address, Tier tier, Instant at) {
        return header("deleted", address, tier, "unknown", at);
    }

    /** First {@value #PREVIEW_CHARS} chars, then how many were left out. */
    public static String preview(String text) {
        if (text.length() <= PREVIEW_CHARS) {
            return text;
        }
        return text.substring(0, PREVIEW_CHARS) + "… (" + (text.length() - PREVIEW_CHARS) + " chars elided)";
    }

    private String header(String kind, BlockAddress address, Tier tier, Author author, Instant at) {
        return header(kind, address, tier, author.render(), at);
    }

    private String header(String kind, BlockAddress address, Tier tier, String author, Instant at) {
        return "[memory:" + kind + "] block '" + address + "' (type: " + tier.id() + ", author: " + author
                + ", at: " + timestamps.format(at) + ")";
    }
}
