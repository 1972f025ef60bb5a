package dev.trellis.tasks.internal.graph;

import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphQuery;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.GraphResult.Edge;
import dev.trellis.api.tasks.TaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Breadth-first walk over task edges, one ring at a time: each ring's edges are fetched in one batch
 * ({@link EdgeSource}), so a walk costs one round of lookups per level, not per node.
 *
 * <ul>
 *   <li>Nodes are item refs and whole-list refs. {@code FORWARD} follows "blocks" edges from their source to their
 *       target; a whole list leads forward to its items (blocking a list blocks each of them), which is how a
 *       walk from a list root starts. {@code REVERSE} follows edges from target back to source (a whole list
 *       is reached only by edges that name the list). {@code BOTH} does both.</li>
 *   <li>Depth is the number of steps from the root; depth 0 returns the root alone.</li>
 *   <li>Each node is visited once, so cycles (and self-edges) end the walk along that path; the edge that
 *       closes a cycle is still reported.</li>
 *   <li>{@code maxNodes} counts the root. A node that would exceed it is not added, the walk stops after
 *       the current ring and the result says {@code truncated}.</li>
 *   <li>Edges are reported once, always oriented source → target, and only between returned nodes.</li>
 *   <li>Nodes in lists the caller may not see ({@code visibleList} false) are skipped with their edges.</li>
 * </ul>
 */
public final class GraphWalk {

    /** Where the walk reads edges; batched per ring. */
    public interface EdgeSource {
        /** Stored edges whose source is one of {@code items}. */
        List<Edge> from(Collection<EdgeRef> items);

        /** Stored edges whose target is exactly one of {@code nodes}. */
        List<Edge> to(Collection<EdgeRef> nodes);

        /** The items of a list, in list order. */
        List<TaskId> items(String list);
    }

    private GraphWalk() {
    }

    public static GraphResult walk(EdgeRef root, GraphQuery query, Predicate<String> visibleList, EdgeSource source) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(visibleList, "visibleList");
        Objects.requireNonNull(source, "source");
        boolean forward = query.direction() != GraphQuery.Direction.REVERSE;
        boolean reverse = query.direction() != GraphQuery.Direction.FORWARD;
        Set<EdgeRef> nodes = new LinkedHashSet<>();
        Set<Edge> edges = new LinkedHashSet<>();
        nodes.add(root);
        List<EdgeRef> ring = List.of(root);
        boolean truncated = false;
        for (int depth = 1; depth <= query.depth() && !ring.isEmpty() && !truncated; depth++) {
            List<EdgeRef> next = new ArrayList<>();
            if (forward) {
                List<EdgeRef> items = ring.stream().filter(EdgeRef::isItem).toList();
                if (!items.isEmpty()) {
                    for (Edge e : source.from(items)) {
                        truncated |= step(e.target(), e, nodes, edges, next, query.maxNodes(), visibleList);
                    }
                }
                for (EdgeRef list : ring) {
                    if (!list.isItem()) {
                        for (TaskId id : source.items(list.block())) {
                            truncated |= step(EdgeRef.item(list.block(), id), null, nodes, edges, next, query.maxNodes(),
                                    visibleList);
                        }
                    }
                }
            }
            if (reverse) {
                for (Edge e : source.to(ring)) {
                    truncated |= step(e.source(), e, nodes, edges, next, query.maxNodes(), visibleList);
                }
            }
            ring = next;
        }
        return new GraphResult(List.copyOf(nodes), List.copyOf(edges), truncated);
    }

    /**
     * Reaches {@code other} over {@code edge} (null for a list leading to its item).
     *
     * @return true if {@code other} was dropped for the node cap
     */
    private static boolean step(EdgeRef other, Edge edge, Set<EdgeRef> nodes, Set<Edge> edges, List<EdgeRef> next,
            int maxNodes, Predicate<String> visibleList) {
        if (!visibleList.test(other.block())) {
            return false;
        }
        if (!nodes.contains(other)) {
            if (nodes.size() >= maxNodes) {
                return true;
            }
            nodes.add(other);
            next.add(other);
        }
        if (edge != null) {
            edges.add(edge);
        }
        return false;
    }
}
