package dev.trellis.shell.internal;

import dev.trellis.api.memory.Block;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.HistoryDepth;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.SearchHit;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain-text output of the {@code trellis:*} commands: aligned tables with a header and a dashed rule, cells on one
 * line (whitespace runs collapsed) and cut at {@link #CELL_MAX} characters with '…'. Times are UTC.
 */
final class ShellFormat {

    static final int CELL_MAX = 60;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ShellFormat() {
    }

    static String blocks(List<BlockMetadata> blocks) {
        if (blocks.isEmpty()) {
            return "No blocks.\n";
        }
        List<List<String>> rows = new ArrayList<>();
        for (BlockMetadata m : blocks) {
            rows.add(List.of(m.address().scope().key(), m.address().label(), m.schema().id(),
                    m.tier().id() + (m.pinned() ? "*" : ""), m.permission().id(), time(m.updatedAt()),
                    m.lastAuthor().render(), m.description()));
        }
        return table(List.of("SCOPE", "LABEL", "SCHEMA", "TIER", "PERMISSION", "UPDATED", "AUTHOR", "DESCRIPTION"), rows)
                + blocks.size() + (blocks.size() == 1 ? " block" : " blocks") + " (* = pinned)\n";
    }

    static String block(Block block, HistoryDepth depth, List<HistoryEntry> history) {
        BlockMetadata m = block.metadata();
        StringBuilder sb = new StringBuilder();
        sb.append("Block ").append(block.address()).append('\n');
        field(sb, "revision", Long.toString(block.revision()));
        field(sb, "schema", m.schema().id());
        field(sb, "tier", m.tier().id() + (m.pinned() ? " (pinned)" : ""));
        field(sb, "permission", m.permission().id());
        field(sb, "description", m.description());
        field(sb, "chars", block.content().length() + " of " + m.charLimit());
        field(sb, "created", time(m.createdAt()));
        field(sb, "updated", time(m.updatedAt()) + " by " + m.lastAuthor().render());
        field(sb, "undo/redo", depth.undo() + " / " + depth.redo());
        sb.append("\nContent:\n");
        for (String line : block.content().split("\n", -1)) {
            sb.append("  ").append(line).append('\n');
        }
        sb.append("\nHistory (newest first):\n");
        if (history.isEmpty()) {
            return sb.append("  none kept\n").toString();
        }
        List<List<String>> rows = new ArrayList<>();
        for (HistoryEntry h : history) {
            rows.add(List.of(Long.toString(h.revision()), h.opKind(), h.author().render(), time(h.at()), h.content()));
        }
        return sb.append(table(List.of("REV", "OP", "AUTHOR", "TIME", "CONTENT"), rows)).toString();
    }

    static String hits(String query, List<SearchHit> hits) {
        if (hits.isEmpty()) {
            return "No matches for '" + query + "'.\n";
        }
        List<List<String>> rows = new ArrayList<>();
        for (SearchHit h : hits) {
            rows.add(List.of(h.kind().name().toLowerCase(Locale.ROOT), h.scope().key(), h.ref(),
                    String.format(Locale.ROOT, "%.3f", h.score()), h.snippet()));
        }
        return table(List.of("KIND", "SCOPE", "REF", "SCORE", "SNIPPET"), rows)
                + hits.size() + (hits.size() == 1 ? " match" : " matches") + " for '" + query + "'\n";
    }

    /** Left-aligned columns two spaces apart; the last column is not padded. */
    static String table(List<String> headers, List<List<String>> rows) {
        int n = headers.size();
        List<List<String>> cells = new ArrayList<>();
        cells.add(headers);
        for (List<String> r : rows) {
            if (r.size() != n) {
                throw new IllegalArgumentException("row has " + r.size() + " cells, table has " + n + " columns: " + r);
            }
            cells.add(r.stream().map(ShellFormat::cell).toList());
        }
        int[] width = new int[n];
        for (List<String> r : cells) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        line(sb, rule, width);
        for (List<String> r : cells.subList(1, cells.size())) {
            line(sb, r, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            l.append(cells.get(i));
            if (i < cells.size() - 1) {
                l.append(" ".repeat(width[i] - cells.get(i).length() + 2));
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    static String cell(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= CELL_MAX ? one : one.substring(0, CELL_MAX - 1) + "…";
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append("  ").append(name).append(" ".repeat(Math.max(1, 13 - name.length()))).append(value).append('\n');
    }

    static String time(Instant t) {
        return TIME.format(t);
    }
}
