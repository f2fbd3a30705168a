package org.rcrt.localbus.internal;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.Subscription;

/**
 * One subscription: its selector, its listener, and a bounded queue drained in order by its own daemon thread.
 *
 * <p>A thread per subscription is what isolates subscribers from each other: a listener that sleeps or blocks
 * only ever delays itself. Subscriptions are few (tens), so the threads are cheap.
 */
final class SubscriptionWorker implements Subscription {
    private final InProcessBus bus;
    private final String name;
    private final Selector selector;
    private final Consumer<? super BreadcrumbEvent> listener;
    private final DedupeWindow dedupe;
    private final WorkQueue<BreadcrumbEvent> queue;

    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder duplicates = new LongAdder();

    private volatile boolean active = true;

    SubscriptionWorker(InProcessBus bus, String name, Selector selector, Consumer<? super BreadcrumbEvent> listener,
                       DedupeWindow dedupe, int capacity) {
        this.bus = bus;
        this.name = name;
        this.selector = selector;
        this.listener = listener;
        this.dedupe = dedupe;
        this.queue = new WorkQueue<>("rcrt-localbus-" + name, capacity, this::deliver);
    }

    boolean matches(BreadcrumbEvent event) {
        return selector.matches(event);
    }

    /** Queues the event for the worker thread; false (and counted) when the queue is full. Never blocks. */
    boolean enqueue(BreadcrumbEvent event) {
        if (!active) {
            return true;
        }
        if (queue.offer(event)) {
            return true;
        }
        dropped.increment();
        bus.diagnostics().dropped(name, dropped.sum());
        return false;
    }

    /** Calls the listener for one event on the current thread, applying dedupe; never throws. */
    void deliver(BreadcrumbEvent event) {
        if (!active) {
            return;
        }
        String id = event.breadcrumbId();
        long version = event.version();
        // Version 0 means "unknown" (an update without If-Match): it can't be compared, so it is never deduplicated;
        // an incomplete local event is delivered but never counts, so its exact SSE copy still gets through.
        boolean dedupeThis = dedupe != null && version > 0 && event.isComplete();
        if (dedupeThis && !dedupe.claim(id, version)) {
            duplicates.increment();
            return;
        }
        boolean ok = false;
        try {
            listener.accept(event);
            ok = true;
            delivered.increment();
        } catch (Throwable t) {
            errors.increment();
            bus.diagnostics().listenerFailed(name, id, t);
        } finally {
            if (dedupeThis) {
                dedupe.complete(id, version, ok);
            }
        }
    }

    int depth() {
        return queue.depth();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void close() {
        if (!active) {
            return;
        }
        active = false;
        bus.remove(this);
        queue.stop();
    }

    long delivered() {
        return delivered.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    long errors() {
        return errors.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }

    BusStats.SubscriptionStats stats() {
        return new BusStats.SubscriptionStats(name, selector.toJson(), queue.depth(), queue.capacity(),
                delivered.sum(), dropped.sum(), errors.sum(), duplicates.sum());
    }

    @Override
    public String toString() {
        return "Subscription[" + name + " " + selector.toJson() + "]";
    }
}
