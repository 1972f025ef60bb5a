package dev.trellis.console.internal.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.tasks.EdgeRef;
import dev.trellis.api.tasks.GraphResult;
import dev.trellis.api.tasks.GraphResult.Edge;
import dev.trellis.api.tasks.TaskId;
import dev.trellis.api.tasks.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GraphSvgTest {

    static final EdgeRef A = EdgeRef.item("sprint", new TaskId(0x1_0000_0001L));
    static final EdgeRef B = EdgeRef.item("sprint", new TaskId(0x1_0000_0002L));
    static final EdgeRef C = EdgeRef.item("review", new TaskId(0x1_0000_0003L));

    static GraphSvg.NodeInfo info(EdgeRef n) {
        Map<EdgeRef, GraphSvg.NodeInfo> known = Map.of(
                A, new GraphSvg.NodeInfo(Optional.of("Write <the> spec & $more"), Optional.of(TaskStatus.IN_PROGRESS)),
                B, new GraphSvg.NodeInfo(Optional.of("Review"), Optional.of(TaskStatus.PENDING)));
        return known.getOrDefault(n, GraphSvg.NodeInfo.NONE);
    }

    static int[] position(String svg, EdgeRef n) {
        Matcher m = Pattern.compile("data-ref=\"" + Pattern.quote(n.toString()) + "\"><title>[^<]*</title><rect x=\"(\\d+)\" y=\"(\\d+)\"")
                .matcher(svg);
        assertThat(m.find()).as("node %s in %s", n, svg).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    @Test
    void nodesAreColumnsByDistanceAndEdgesAreArrows() {
        GraphResult g = new GraphResult(List.of(A, B, C, EdgeRef.block("later")),
                List.of(new Edge(A, B), new Edge(B, C), new Edge(C, A), new Edge(B, B), new Edge(C, EdgeRef.block("later"))), false);
        String svg = GraphSvg.render(g, GraphSvgTest::info);
        assertThat(svg).startsWith("<svg id=\"task-graph\"").endsWith("</svg>");
        // left to right as "blocks": A before B; C, which blocks A in the cycle, before A; "later" after C
        assertThat(position(svg, A)[0]).isLessThan(position(svg, B)[0]);
        assertThat(position(svg, C)[0]).isLessThan(position(svg, A)[0]);
        assertThat(position(svg, EdgeRef.block("later"))[0]).isGreaterThan(position(svg, C)[0]);
        assertThat(svg).contains("class=\"task-node status-in-progress\" data-ref=\"" + A + "\"",
                "class=\"task-node status-pending\" data-ref=\"" + B + "\"",
                "class=\"task-node status-missing\" data-ref=\"" + C + "\"",
                "class=\"task-node status-list\" data-ref=\"later\"",
                "data-source=\"" + A + "\" data-target=\"" + B + "\"", "data-source=\"" + C + "\" data-target=\"" + A + "\"",
                "marker-end=\"url(#task-arrow)\"", "4 nodes, 5 edges");
        // subjects are escaped (also the console's ${...} substitution)
        assertThat(svg).contains("Write &lt;the&gt; spec &amp; &#36;more").doesNotContain("<the>");
        assertThat(svg).contains("sprint#…00001");
        assertThat(svg.split("class=\"task-edge\"", -1)).hasSize(6);
    }

    @Test
    void blockersOfTheRootAreLeftOfIt() {
        // the root B is blocked by A and blocks C
        GraphResult g = new GraphResult(List.of(B, A, C), List.of(new Edge(A, B), new Edge(B, C)), false);
        String svg = GraphSvg.render(g, GraphSvgTest::info);
        assertThat(position(svg, A)[0]).isLessThan(position(svg, B)[0]);
        assertThat(position(svg, B)[0]).isLessThan(position(svg, C)[0]);
    }

    @Test
    void aTruncatedOrHugeSliceSaysSo() {
        List<EdgeRef> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(A);
        for (int i = 1; i <= 450; i++) {
            EdgeRef n = EdgeRef.item("wide", new TaskId(i));
            nodes.add(n);
            edges.add(new Edge(A, n));
        }
        String svg = GraphSvg.render(new GraphResult(nodes, edges, true), GraphSvgTest::info);
        assertThat(svg).contains("truncated at 451 nodes (max nodes); the first 400 are drawn");
        assertThat(svg.split("class=\"task-node ", -1)).hasSize(401);
    }

    @Test
    void aListRootPutsItsItemsInTheNextColumn() {
        GraphResult g = new GraphResult(List.of(EdgeRef.block("sprint"), A, B), List.of(new Edge(A, B)), false);
        String svg = GraphSvg.render(g, GraphSvgTest::info);
        assertThat(position(svg, A)[0]).isEqualTo(position(svg, B)[0]).isGreaterThan(position(svg, EdgeRef.block("sprint"))[0]);
    }
}
