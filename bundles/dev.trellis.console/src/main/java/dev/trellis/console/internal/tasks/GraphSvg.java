package dev.trellis.console.internal.tasks;

import static dev.trellis.console.internal.html.Html.attr;
import static dev.trellis.console.internal.html.Html.text;

import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.TaskStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Draws a BFS slice of the task graph as inline SVG, server-side (no scripts): columns that read left to right as
 * "blocks" (a blocker left of what it blocks, a list left of its items), nodes in BFS order within a column, boxes
 * coloured by status, each "blocks" edge an arrow from source to target (curved when it runs backwards or within
 * a column). Elements carry {@code data-ref} / {@code data-source} / {@code data-target} for tests and scripts.
 */
final class GraphSvg {

    /** What a box shows about a node: subject and status of an item; empty for a whole list or a missing item. */
    record NodeInfo(Optional<String> subject, Optional<TaskStatus> status) {
        static final NodeInfo NONE = new NodeInfo(Optional.empty(), Optional.empty());
    }

    static final int MAX_DRAWN = 400;
    private static final int W = 190;
    private static final int H = 46;
    private static final int GAP_X = 70;
    private static final int GAP_Y = 18;
    private static final int PAD = 12;

    private GraphSvg() {
    }

    static String render(GraphResult g, Function<EdgeRef, NodeInfo> info) {
        List<EdgeRef> nodes = g.nodes().subList(0, Math.min(MAX_DRAWN, g.nodes().size()));
        Map<EdgeRef, Integer> layer = layers(nodes, g.edges());
        Map<Integer, List<EdgeRef>> columns = new LinkedHashMap<>();
        for (EdgeRef n : nodes) {
            columns.computeIfAbsent(layer.get(n), k -> new ArrayList<>()).add(n);
        }
        Map<EdgeRef, int[]> at = new HashMap<>();
        int rows = 0;
        for (Map.Entry<Integer, List<EdgeRef>> c : columns.entrySet()) {
            List<EdgeRef> col = c.getValue();
            rows = Math.max(rows, col.size());
            for (int i = 0; i < col.size(); i++) {
                at.put(col.get(i), new int[] {PAD + c.getKey() * (W + GAP_X), PAD + i * (H + GAP_Y)});
            }
        }
        int width = PAD * 2 + (columns.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1) * (W + GAP_X) - GAP_X;
        int height = PAD * 2 + Math.max(1, rows) * (H + GAP_Y) - GAP_Y + 30;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"task-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"task dependency graph\" style=\"font: 11px sans-serif; background: #fff\">")
                .append("<defs><marker id=\"task-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                        + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/>"
                        + "</marker></defs>");
        for (GraphResult.Edge e : g.edges()) {
            int[] s = at.get(e.source());
            int[] t = at.get(e.target());
            if (s == null || t == null) {
                continue; // beyond what is drawn
            }
            svg.append("<path class=\"task-edge\" data-source=\"").append(attr(e.source().toString())).append("\" data-target=\"")
                    .append(attr(e.target().toString())).append("\" d=\"").append(path(s, t))
                    .append("\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.3\" marker-end=\"url(#task-arrow)\"/>");
        }
        EdgeRef root = g.nodes().getFirst();
        for (EdgeRef n : nodes) {
            int[] p = at.get(n);
            NodeInfo i = info.apply(n);
            String status = i.status().map(TaskStatus::id).orElse(n.isItem() ? "missing" : "list");
            svg.append("<g class=\"task-node status-").append(attr(status)).append("\" data-ref=\"").append(attr(n.toString()))
                    .append("\"><title>").append(text(n + i.subject().map(s -> ": " + s).orElse("") + " (" + status + ")"))
                    .append("</title><rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(W)
                    .append("\" height=\"").append(H).append("\" rx=\"6\" fill=\"").append(fill(status)).append("\" stroke=\"")
                    .append(n.equals(root) ? "#000\" stroke-width=\"2.5" : "#777\" stroke-width=\"1").append("\"/>")
                    .append("<text x=\"").append(p[0] + 8).append("\" y=\"").append(p[1] + 17).append("\" font-weight=\"bold\">")
                    .append(text(cut(shortRef(n), 30))).append("</text><text x=\"").append(p[0] + 8).append("\" y=\"")
                    .append(p[1] + 34).append("\">").append(text(cut(i.subject().orElse(n.isItem() ? "(not found)"
                            : "whole list"), 30))).append("</text></g>");
        }
        String note = g.truncated() ? "truncated at " + g.nodes().size() + " nodes (max nodes)" : g.nodes().size() + " nodes, "
                + g.edges().size() + " edges";
        if (g.nodes().size() > MAX_DRAWN) {
            note += "; the first " + MAX_DRAWN + " are drawn";
        }
        svg.append("<text id=\"task-graph-note\" x=\"").append(PAD).append("\" y=\"").append(height - 10).append("\" fill=\"#444\">")
                .append(text(note)).append("</text></svg>");
        return svg.toString();
    }

    /**
     * Columns that read left to right as "blocks": a node one column right of what blocks it, one left of what it
     * blocks (its items are right of a list), found by a walk from the root over edges either way; shifted so the
     * leftmost column is 0.
     */
    static Map<EdgeRef, Integer> layers(List<EdgeRef> nodes, List<GraphResult.Edge> edges) {
        // neighbour -> +1 if it is blocked by the node (right of it), -1 if it blocks the node (left of it)
        Map<EdgeRef, List<Map.Entry<EdgeRef, Integer>>> next = new HashMap<>();
        for (GraphResult.Edge e : edges) {
            next.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(Map.entry(e.target(), 1));
            next.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(Map.entry(e.source(), -1));
        }
        for (EdgeRef n : nodes) {
            if (n.isItem()) {
                EdgeRef list = EdgeRef.block(n.block());
                next.computeIfAbsent(list, k -> new ArrayList<>()).add(Map.entry(n, 1));
            }
        }
        Map<EdgeRef, Integer> layer = new HashMap<>();
        Deque<EdgeRef> queue = new ArrayDeque<>();
        EdgeRef root = nodes.getFirst();
        layer.put(root, 0);
        queue.add(root);
        while (!queue.isEmpty()) {
            EdgeRef n = queue.poll();
            for (Map.Entry<EdgeRef, Integer> m : next.getOrDefault(n, List.of())) {
                if (!layer.containsKey(m.getKey())) {
                    layer.put(m.getKey(), layer.get(n) + m.getValue());
                    queue.add(m.getKey());
                }
            }
        }
        // nodes reached only through something not drawn go in a column of their own on the right
        int right = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        for (EdgeRef n : nodes) {
            layer.putIfAbsent(n, right);
        }
        int left = layer.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        Map<EdgeRef, Integer> shifted = new HashMap<>();
        layer.forEach((n, l) -> shifted.put(n, l - left));
        return shifted;
    }

    private static String path(int[] s, int[] t) {
        int sx = s[0] + W;
        int sy = s[1] + H / 2;
        int tx = t[0];
        int ty = t[1] + H / 2;
        if (tx > sx) {
            int mid = (sx + tx) / 2;
            return "M " + sx + " " + sy + " C " + mid + " " + sy + ", " + mid + " " + ty + ", " + tx + " " + ty;
        }
        if (s == t) {
            // a self-edge: a loop above the box
            int x = s[0] + W / 2;
            return "M " + (x - 20) + " " + s[1] + " C " + (x - 30) + " " + (s[1] - 28) + ", " + (x + 30) + " " + (s[1] - 28)
                    + ", " + (x + 20) + " " + s[1];
        }
        // backwards or within a column: leave and enter at the bottom edges, bending below
        int bend = Math.max(s[1], t[1]) + H + GAP_Y;
        return "M " + (s[0] + W / 2) + " " + (s[1] + H) + " C " + (s[0] + W / 2) + " " + bend + ", " + (t[0] + W / 2) + " "
                + bend + ", " + (t[0] + W / 2) + " " + (t[1] + H);
    }

    private static String fill(String status) {
        return switch (status) {
            case "completed" -> "#d9f2d9";
            case "in-progress" -> "#dbe9ff";
            case "blocked" -> "#ffe0cc";
            case "cancelled" -> "#e6e6e6";
            case "pending" -> "#fffbe6";
            case "list" -> "#f0e6ff";
            default -> "#ffd6d6";
        };
    }

    /** {@code list#…last5} for items: the id's tail tells tasks of one list apart. */
    static String shortRef(EdgeRef n) {
        return n.item().map(id -> n.block() + "#…" + id.format().substring(8)).orElse(n.block());
    }

    private static String cut(String s, int max) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    static String statusClass(TaskStatus s) {
        return "status-" + s.id().toLowerCase(Locale.ROOT);
    }
}
