package dev.trellis.tasks.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphQuery;
import dev.trellis.api.tasks.GraphQuery.Direction;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.GraphResult.Edge;
import dev.trellis.api.tasks.TaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The BFS of task-skill AC5.4–AC5.8 over an in-memory edge source. */
class GraphWalkTest {

    /** Edges in insertion order, lists with their items; counts the batched lookups. */
    static final class Edges implements GraphWalk.EdgeSource {
        final List<Edge> edges = new ArrayList<>();
        final Map<String, List<TaskId>> lists = new LinkedHashMap<>();
        int lookups;

        EdgeRef item(String list, int n) {
            TaskId id = new TaskId(n);
            List<TaskId> items = lists.computeIfAbsent(list, k -> new ArrayList<>());
            if (!items.contains(id)) {
                items.add(id);
            }
            return EdgeRef.item(list, id);
        }

        Edges edge(EdgeRef source, EdgeRef target) {
            edges.add(new Edge(source, target));
            return this;
        }

        @Override
        public List<Edge> from(Collection<EdgeRef> items) {
            lookups++;
            return edges.stream().filter(e -> items.contains(e.source())).toList();
        }

        @Override
        public List<Edge> to(Collection<EdgeRef> nodes) {
            lookups++;
            return edges.stream().filter(e -> nodes.contains(e.target())).toList();
        }

        @Override
        public List<TaskId> items(String list) {
            lookups++;
            return lists.getOrDefault(list, List.of());
        }
    }

    final Edges g = new Edges();
    final EdgeRef a = g.item("l", 1);
    final EdgeRef b = g.item("l", 2);
    final EdgeRef c = g.item("l", 3);
    final EdgeRef d = g.item("m", 4);

    {
        // a -> b -> c, a -> d, d -> whole list n
        g.edge(a, b).edge(b, c).edge(a, d).edge(d, EdgeRef.block("n"));
    }

    static GraphResult walk(EdgeRef root, Direction dir, int depth, int max, GraphWalk.EdgeSource source) {
        return GraphWalk.walk(root, new GraphQuery(dir, depth, max), l -> true, source);
    }

    static void assertEndpointsAreNodes(GraphResult r) {
        Set<EdgeRef> nodes = new HashSet<>(r.nodes());
        assertThat(r.edges()).allSatisfy(e -> assertThat(nodes).contains(e.source(), e.target()));
    }

    @Test
    void forwardFollowsBlocksEdgesBreadthFirst() {
        GraphResult r = walk(a, Direction.FORWARD, 16, 1000, g);
        assertThat(r.nodes()).containsExactly(a, b, d, c, EdgeRef.block("n"));
        assertThat(r.edges()).containsExactly(new Edge(a, b), new Edge(a, d), new Edge(b, c), new Edge(d, EdgeRef.block("n")));
        assertThat(r.truncated()).isFalse();
        assertEndpointsAreNodes(r);
    }

    @Test
    void reverseFollowsThemBackAndEdgesKeepTheirOrientation() {
        GraphResult r = walk(c, Direction.REVERSE, 16, 1000, g);
        assertThat(r.nodes()).containsExactly(c, b, a);
        assertThat(r.edges()).containsExactly(new Edge(b, c), new Edge(a, b));
        GraphResult list = walk(EdgeRef.block("n"), Direction.REVERSE, 16, 1000, g);
        assertThat(list.nodes()).containsExactly(EdgeRef.block("n"), d, a);
    }

    @Test
    void bothGoesEitherWay() {
        GraphResult r = walk(b, Direction.BOTH, 1, 1000, g);
        assertThat(r.nodes()).containsExactly(b, c, a);
        assertThat(r.edges()).containsExactly(new Edge(b, c), new Edge(a, b));
        assertEndpointsAreNodes(walk(b, Direction.BOTH, 16, 1000, g));
        assertThat(walk(b, Direction.BOTH, 16, 1000, g).nodes()).containsExactlyInAnyOrder(a, b, c, d, EdgeRef.block("n"));
    }

    @Test
    void depthZeroIsTheRootAlone() {
        GraphResult r = walk(a, Direction.BOTH, 0, 1000, g);
        assertThat(r.nodes()).containsExactly(a);
        assertThat(r.edges()).isEmpty();
        assertThat(g.lookups).isZero();
    }

    @Test
    void cyclesEndAndTheClosingEdgeIsReported() {
        g.edge(c, a).edge(c, c);
        GraphResult r = walk(a, Direction.FORWARD, 100, 1000, g);
        assertThat(r.nodes()).containsExactly(a, b, d, c, EdgeRef.block("n"));
        assertThat(r.edges()).contains(new Edge(c, a), new Edge(c, c));
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void aListRootLeadsToItsItems() {
        GraphResult r = walk(EdgeRef.block("l"), Direction.FORWARD, 1, 1000, g);
        assertThat(r.nodes()).containsExactly(EdgeRef.block("l"), a, b, c);
        assertThat(r.edges()).isEmpty();
        GraphResult deeper = walk(EdgeRef.block("l"), Direction.FORWARD, 2, 1000, g);
        assertThat(deeper.nodes()).containsExactly(EdgeRef.block("l"), a, b, c, d);
        assertThat(deeper.edges()).containsExactly(new Edge(a, b), new Edge(b, c), new Edge(a, d));
    }

    @Test
    void theNodeCapTruncatesAndKeepsEdgesWithinTheReturnedNodes() {
        Edges wide = new Edges();
        EdgeRef root = wide.item("w", 1);
        for (int n = 2; n <= 3000; n++) {
            wide.edge(root, wide.item("w", n));
        }
        GraphResult r = walk(root, Direction.FORWARD, 16, 1000, wide);
        assertThat(r.nodes()).hasSize(1000);
        assertThat(r.edges()).hasSize(999);
        assertThat(r.truncated()).isTrue();
        assertEndpointsAreNodes(r);
        assertThat(walk(root, Direction.FORWARD, 16, 3000, wide).truncated()).isFalse();
    }

    @Test
    void aLongChainStopsAtTheDepthWithOneLookupPerRing() {
        Edges chain = new Edges();
        EdgeRef first = chain.item("c", 1);
        EdgeRef prev = first;
        for (int n = 2; n <= 10_000; n++) {
            EdgeRef next = chain.item("c", n);
            chain.edge(prev, next);
            prev = next;
        }
        GraphResult r = walk(first, Direction.FORWARD, 16, 1000, chain);
        assertThat(r.nodes()).hasSize(17);
        assertThat(r.nodes().getLast()).isEqualTo(EdgeRef.item("c", new TaskId(17)));
        assertThat(r.truncated()).isFalse();
        assertThat(chain.lookups).isEqualTo(16);
    }

    @Test
    void hiddenListsAreLeftOut() {
        GraphResult r = GraphWalk.walk(a, new GraphQuery(Direction.FORWARD, 16, 1000), l -> !l.equals("m"), g);
        assertThat(r.nodes()).containsExactly(a, b, c);
        assertThat(r.edges()).containsExactly(new Edge(a, b), new Edge(b, c));
    }
}
