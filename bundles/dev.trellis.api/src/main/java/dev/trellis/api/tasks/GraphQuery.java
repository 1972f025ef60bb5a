package dev.trellis.api.tasks;

import java.util.Objects;

/**
 * A breadth-first walk over task edges from a root.
 *
 * @param direction {@link Direction#FORWARD} follows "blocks" edges, {@code REVERSE} follows them
 *                  backwards ("blocked by"), {@code BOTH} both
 * @param depth     most edges away from the root; 0 = root only
 * @param maxNodes  most nodes returned, root included; reaching it sets
 *                  {@link GraphResult#truncated()}
 */
public record GraphQuery(Direction direction, int depth, int maxNodes) {

    public static final int DEFAULT_DEPTH = 16;
    public static final int DEFAULT_MAX_NODES = 1000;

    /** Forward, depth 16, 1000 nodes. */
    public static final GraphQuery DEFAULT = new GraphQuery(Direction.FORWARD, DEFAULT_DEPTH, DEFAULT_MAX_NODES);

    /** @throws IllegalArgumentException if {@code depth < 0} or {@code maxNodes < 1} */
    public GraphQuery {
        Objects.requireNonNull(direction, "direction");
        if (depth < 0) {
            throw new IllegalArgumentException("graph depth must be >= 0, was " + depth);
        }
        if (maxNodes < 1) {
            throw new IllegalArgumentException("graph maxNodes must be >= 1, was " + maxNodes);
        }
    }

    /** Which way edges are followed from the root. */
    public enum Direction {
        FORWARD, REVERSE, BOTH
    }
}
