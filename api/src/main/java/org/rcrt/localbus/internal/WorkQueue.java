package org.rcrt.localbus.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded multi-producer queue. {@link #offer} never blocks: when the queue is full it answers false and the
 * caller counts a drop. It has no thread of its own: whoever runs its subscription polls it.
 */
final class WorkQueue<T> {
    private final int capacity;
    private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger depth = new AtomicInteger();

    WorkQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues the item; false when the queue is full. */
    boolean offer(T item) {
        if (depth.incrementAndGet() > capacity) {
            depth.decrementAndGet();
            return false;
        }
        items.offer(item);
        return true;
    }

    T poll() {
        T item = items.poll();
        if (item != null) {
            depth.decrementAndGet();
        }
        return item;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    void clear() {
        while (poll() != null) {
            // counted down one by one, so that a concurrent offer's count stays right
        }
    }

    int depth() {
        return Math.max(0, depth.get());
    }

    int capacity() {
        return capacity;
    }
}
