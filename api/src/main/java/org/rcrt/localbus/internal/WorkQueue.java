package org.rcrt.localbus.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded multi-producer queue. {@link #offer} never blocks: when the queue is full it answers false and the
 * caller counts a drop. It has no thread of its own: whoever runs its subscription polls it.
 *
 * <p>The bound is kept with two counters instead of one depth that both sides update: publishers count what they
 * put in, the runner what it took out, each on a cache line of its own, so that an event costs neither side a
 * write to a line the other side just wrote. A publisher reads the runner's count only when the room it last saw
 * is used up.
 */
final class WorkQueue<T> {
    private final int capacity;
    private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicLong offered = new PaddedCounter();
    private final AtomicLong taken = new PaddedCounter();
    /** {@code taken + capacity} as a publisher last read it: below it there is room. Only ever too low (taken grows). */
    private volatile long limit;

    WorkQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.limit = capacity;
    }

    /** An {@code AtomicLong} that fills its cache line, so that the two counters never share one. */
    @SuppressWarnings({"unused", "serial"})
    private static final class PaddedCounter extends AtomicLong {
        private long p1, p2, p3, p4, p5, p6, p7;
    }

    /** Queues the item; false when the queue is full. */
    boolean offer(T item) {
        long slot = offered.getAndIncrement();
        if (slot >= limit) {
            long room = taken.get() + capacity;
            if (slot >= room) {
                offered.decrementAndGet();
                return false;
            }
            limit = room;
        }
        items.offer(item);
        return true;
    }

    T poll() {
        T item = items.poll();
        if (item != null) {
            taken.incrementAndGet(); // an atomic add, not a plain store: close() may clear while the runner polls
        }
        return item;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    void clear() {
        while (poll() != null) {
            // counted one by one, so that a concurrent offer's count stays right
        }
    }

    int depth() {
        long out = taken.get();
        return (int) Math.max(0, offered.get() - out);
    }

    int capacity() {
        return capacity;
    }
}
