package dev.trellis.api.tasks;

import java.util.List;
import java.util.Objects;

/**
 * Result of a graph walk. Every edge endpoint is in {@code nodes}. Cycles end the walk along that
 * path (each node appears once).
 *
 * @param nodes     visited nodes in BFS order, root first
 * @param edges     edges between visited nodes, always oriented source → target ("source blocks target")
 * @param truncated true if {@link GraphQuery#maxNodes()} stopped the walk before it was complete
 */
public record GraphResult(List<EdgeRef> nodes, List<Edge> edges, boolean truncated) {

    public GraphResult {
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        edges = List.copyOf(Objects.requireNonNull(edges, "edges"));
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("graph result has no root");
        }
    }

    /** A "blocks" edge. */
    public record Edge(EdgeRef source, EdgeRef target) {
        public Edge {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
        }
    }
}
