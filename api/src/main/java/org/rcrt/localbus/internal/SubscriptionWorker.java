package org.rcrt.localbus.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.Subscription;

/**
 * One subscription: its selector, its listener, and a bounded queue drained in order by its own daemon thread.
 *
 * <p>A thread per subscription is what isolates subscribers from each other: a listener that sleeps or blocks
 * only ever delays itself. Subscriptions are few (tens), so the threads are cheap; each is started on the first
 * event and spins briefly before parking, which keeps hand-off latency in microseconds without burning a core.
 */
final class SubscriptionWorker implements Subscription, Runnable {
    /** How long an idle worker spins before parking: short, because this machine's cores belong to the host. */
    private static final long SPIN_NANOS = 20_000;

    private final InProcessBus bus;
    private final String name;
    private final Selector selector;
    private final Consumer<? super BreadcrumbEvent> listener;
    private final DedupeWindow dedupe;
    private final int capacity;

    private final ConcurrentLinkedQueue<BreadcrumbEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger depth = new AtomicInteger();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder duplicates = new LongAdder();

    private volatile boolean active = true;
    private volatile boolean parked;
    private volatile Thread thread;

    SubscriptionWorker(InProcessBus bus, String name, Selector selector, Consumer<? super BreadcrumbEvent> listener,
                       DedupeWindow dedupe, int capacity) {
        this.bus = bus;
        this.name = name;
        this.selector = selector;
        this.listener = listener;
        this.dedupe = dedupe;
        this.capacity = capacity;
    }

    boolean matches(BreadcrumbEvent event) {
        return selector.matches(event);
    }

    /** Queues the event for the worker thread; false (and counted) when the queue is full. Never blocks. */
    boolean enqueue(BreadcrumbEvent event) {
        if (!active) {
            return true;
        }
        if (depth.incrementAndGet() > capacity) {
            depth.decrementAndGet();
            dropped.increment();
            bus.diagnostics().dropped(name, dropped.sum());
            return false;
        }
        queue.offer(event);
        Thread t = thread;
        if (t == null) {
            startThread();
        } else if (parked) {
            LockSupport.unpark(t);
        }
        return true;
    }

    private synchronized void startThread() {
        if (thread == null && active) {
            Thread t = new Thread(this, "rcrt-localbus-" + name);
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /** Calls the listener for one event on the current thread, applying dedupe; never throws. */
    void deliver(BreadcrumbEvent event) {
        if (!active) {
            return;
        }
        String id = event.breadcrumbId();
        long version = event.version();
        if (dedupe != null && !dedupe.claim(id, version)) {
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
            if (dedupe != null) {
                dedupe.complete(id, version, ok);
            }
        }
    }

    @Override
    public void run() {
        long idleSince = 0;
        while (active) {
            BreadcrumbEvent event = queue.poll();
            if (event != null) {
                depth.decrementAndGet();
                deliver(event);
                idleSince = 0;
                continue;
            }
            long now = System.nanoTime();
            if (idleSince == 0) {
                idleSince = now;
            }
            if (now - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
                continue;
            }
            parked = true;
            // Re-check after announcing the park: a producer that queued before reading `parked` is seen here.
            if (queue.isEmpty() && active) {
                LockSupport.park(this);
            }
            parked = false;
            idleSince = 0;
        }
        queue.clear();
        depth.set(0);
    }

    int depth() {
        return depth.get();
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
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        } else {
            queue.clear();
            depth.set(0);
        }
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
        return new BusStats.SubscriptionStats(name, selector.toJson(), depth.get(), capacity, delivered.sum(),
                dropped.sum(), errors.sum(), duplicates.sum());
    }

    @Override
    public String toString() {
        return "Subscription[" + name + " " + selector.toJson() + "]";
    }
}
