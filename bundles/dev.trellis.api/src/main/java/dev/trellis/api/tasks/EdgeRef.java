package dev.trellis.api.tasks;

import java.util.Objects;
import java.util.Optional;

/**
 * A reference to a whole task list ({@code "handle"}) or to one item in it ({@code "handle#item"}).
 * The handle is the label of the task-list block in the caller's scope; the item is a
 * {@link TaskId} text form.
 *
 * @param block the task-list block label, non-empty, without '#'
 * @param item  the item, or empty for a block-level reference
 */
public record EdgeRef(String block, Optional<TaskId> item) {

    public EdgeRef {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(item, "item");
        if (block.isEmpty()) {
            throw new IllegalArgumentException("edge ref: empty block handle");
        }
        if (block.indexOf('#') >= 0) {
            throw new IllegalArgumentException("edge ref: block handle '" + block + "' contains '#'");
        }
    }

    /** A block-level reference. */
    public static EdgeRef block(String block) {
        return new EdgeRef(block, Optional.empty());
    }

    /** An item reference. */
    public static EdgeRef item(String block, TaskId item) {
        return new EdgeRef(block, Optional.of(item));
    }

    /** True if this names one item. */
    public boolean isItem() {
        return item.isPresent();
    }

    /**
     * Parses {@code handle} or {@code handle#item}.
     *
     * @throws IllegalArgumentException with the input and the character index of the problem: empty
     *                                  handle (index 0), empty item id (index after '#'), a second '#',
     *                                  or an invalid item id
     */
    public static EdgeRef parse(String text) {
        Objects.requireNonNull(text, "edge ref");
        int hash = text.indexOf('#');
        String block = hash < 0 ? text : text.substring(0, hash);
        if (block.isEmpty()) {
            throw new IllegalArgumentException("edge ref '" + text + "': empty block handle at index 0");
        }
        if (hash < 0) {
            return block(block);
        }
        String itemText = text.substring(hash + 1);
        if (itemText.isEmpty()) {
            throw new IllegalArgumentException("edge ref '" + text + "': empty item id at index " + (hash + 1));
        }
        int second = itemText.indexOf('#');
        if (second >= 0) {
            throw new IllegalArgumentException(
                    "edge ref '" + text + "': unexpected '#' at index " + (hash + 1 + second));
        }
        try {
            return item(block, TaskId.parse(itemText));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "edge ref '" + text + "': bad item id at index " + (hash + 1) + ": " + e.getMessage(), e);
        }
    }

    /** The text form accepted by {@link #parse(String)}. */
    @Override
    public String toString() {
        return item.map(i -> block + "#" + i.format()).orElse(block);
    }
}
