package dev.trellis.gateway.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The newest {@code capacity} items, newest first. Thread-safe. */
final class Recent<T> {

    private final Deque<T> items = new ArrayDeque<>();
    private volatile int capacity;

    Recent(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    synchronized void add(T item) {
        items.addFirst(item);
        while (items.size() > capacity) {
            items.removeLast();
        }
    }

    synchronized void resize(int newCapacity) {
        capacity = Math.max(1, newCapacity);
        while (items.size() > capacity) {
            items.removeLast();
        }
    }

    synchronized List<T> newestFirst() {
        return List.copyOf(new ArrayList<>(items));
    }

    synchronized T newest() {
        return items.peekFirst();
    }
}
