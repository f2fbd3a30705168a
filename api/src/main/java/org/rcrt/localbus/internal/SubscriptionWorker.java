package org.rcrt.localbus.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.Subscription;

/**
 * One subscription: its selector, its listener, and a bounded serial queue of what was published for it.
 *
 * <p>The queue holds built events (published by hand or from SSE), {@link PendingEvent}s (intercepted calls not
 * converted yet; the first subscription that needs one converts it) and copies handed back for redelivery. In
 * async mode the {@link DeliveryPool} runs it; once a listener call has overrun the pool's budget, a thread of its
 * own does (virtual on JDK 21+), so that it delays no one else; once it has had nothing to do for a second, the
 * subscription goes back to the pool (a host that was merely busy for a moment does not leave threads behind).
 */
final class SubscriptionWorker implements Subscription {
    /** Where a batch ended. */
    enum BatchEnd { DONE, MORE, HANDED_OVER }

    /** The thread running a batch: told about each listener call, so that an overrun can be noticed. */
    interface Runner {
        void beforeCall();

        /** False when the call overran and the runner gave this subscription up: the batch ends here. */
        boolean afterCall();

        /**
         * The queue ran empty: true when the runner waited a little (without parking) and more arrived. Meanwhile
         * the subscription stays scheduled, so a dense stream of events costs its publisher a queue offer only.
         */
        boolean awaitMore(WorkQueue<?> queue);

        /** Whether other subscriptions wait for this runner. */
        boolean othersWaiting();
    }

    private static final Runner OWN_THREAD = new Runner() {
        @Override
        public void beforeCall() {}

        @Override
        public boolean afterCall() {
            return true;
        }

        @Override
        public boolean awaitMore(WorkQueue<?> queue) {
            return false;
        }

        @Override
        public boolean othersWaiting() {
            return false;
        }
    };
    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;
    /** Idle, with its own thread parked, waiting for more before it goes back to the pool. */
    private static final int OWNED_IDLE = 2;
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final InProcessBus bus;
    private final String name;
    private final Selector selector;
    private final Consumer<? super BreadcrumbEvent> listener;
    private final DedupeWindow dedupe;
    private final WorkQueue<Object> queue;
    /**
     * SCHEDULED from the first queued item until its runner finds the queue empty (while others wait: at the start
     * of a turn): one runner at a time. Only the runner leaves SCHEDULED; only a publisher (or a redelivery) enters
     * it.
     */
    private final AtomicInteger state = new AtomicInteger(IDLE);

    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder duplicates = new LongAdder();

    private volatile boolean active = true;
    /** Set while the subscription has a thread of its own; read only by whoever moves it out of OWNED_IDLE. */
    private volatile Thread ownThread;

    SubscriptionWorker(InProcessBus bus, String name, Selector selector, Consumer<? super BreadcrumbEvent> listener,
                       DedupeWindow dedupe, int capacity) {
        this.bus = bus;
        this.name = name;
        this.selector = selector;
        this.listener = listener;
        this.dedupe = dedupe;
        this.queue = new WorkQueue<>(capacity);
    }

    boolean matches(BreadcrumbEvent event) {
        return selector.matches(event);
    }

    /**
     * Queues an event, a pending event or a redelivery for the runner; false (and counted) when the queue is full.
     * Never blocks: the publisher at most wakes a parked runner.
     */
    boolean enqueue(Object item) {
        if (!active) {
            return true;
        }
        if (!queue.offer(item)) {
            dropped.increment();
            bus.diagnostics().dropped(name, dropped.sum());
            return false;
        }
        wakeRunner();
        return true;
    }

    /** An idle subscription that just got an item needs its runner: its own parked thread, or a place in the pool. */
    private void wakeRunner() {
        int s = state.get();
        if (s == IDLE && state.compareAndSet(IDLE, SCHEDULED)) {
            bus.pool().schedule(this);
        } else if (s == OWNED_IDLE && state.compareAndSet(OWNED_IDLE, SCHEDULED)) {
            LockSupport.unpark(ownThread);
        }
    }

    /**
     * Runs up to {@code max} queued items in order. Ends DONE when the queue ran empty (the subscription is idle
     * again), MORE when items remain or when it ran empty after some while other subscriptions wait (still
     * scheduled: the caller queues it again), HANDED_OVER when the runner gave it up during a call that overran
     * (still scheduled: {@link #runOnOwnThread} continues).
     */
    BatchEnd runBatch(int max, Runner runner) {
        for (int i = 0; i < max; i++) {
            Object item = queue.poll();
            if (item == null && runner.awaitMore(queue)) {
                item = queue.poll();
            }
            if (item == null) {
                if (i > 0 && runner.othersWaiting()) {
                    // Its queue ran dry while others wait: it stays scheduled, behind them. By its next turn it
                    // has likely got more, and meanwhile its publishers pay a queue offer only, no scheduling.
                    // A turn that finds it still empty makes it idle.
                    return BatchEnd.MORE;
                }
                int idle = runner == OWN_THREAD ? OWNED_IDLE : IDLE;
                state.set(idle);
                // Re-check after going idle: an item queued before the publisher read the state is seen here.
                if (queue.isEmpty() || !state.compareAndSet(idle, SCHEDULED)) {
                    return BatchEnd.DONE;
                }
                continue;
            }
            if (!active) {
                queue.clear();
                continue;
            }
            runner.beforeCall();
            run(item);
            if (!runner.afterCall()) {
                return BatchEnd.HANDED_OVER;
            }
        }
        return BatchEnd.MORE;
    }

    /** Never throws: whatever fails here must not end the runner's thread nor leave this subscription scheduled. */
    private void run(Object item) {
        try {
            if (item instanceof Runnable redelivery) {
                redelivery.run();
                return;
            }
            BreadcrumbEvent event = item instanceof PendingEvent p ? p.event() : (BreadcrumbEvent) item;
            if (event != null && (item instanceof BreadcrumbEvent || matches(event))) {
                deliver(event);
            }
        } catch (Throwable t) {
            errors.increment();
            bus.diagnostics().listenerFailed(name, null, t);
        }
    }

    /** A thread of its own continues where the pool worker stopped, until the queue runs empty. */
    void runOnOwnThread() {
        Thread t = Threads.own(this::ownLoop, "rcrt-localbus-" + name);
        ownThread = t;
        t.start();
    }

    private void ownLoop() {
        while (true) {
            if (runBatch(DeliveryPool.BATCH, OWN_THREAD) == BatchEnd.MORE) {
                continue; // one batch after another: nobody else waits for this thread
            }
            long deadline = System.nanoTime() + LINGER_NANOS;
            long left;
            while (state.get() == OWNED_IDLE && active && (left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, left);
            }
            if (state.compareAndSet(OWNED_IDLE, IDLE)) {
                ownThread = null; // back to the pool: from now on nobody reads it
                return;
            }
        }
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
        if (dedupeThis) {
            DedupeWindow.Verdict verdict = dedupe.claim(id, version, () -> deliver(event));
            if (verdict != DedupeWindow.Verdict.DELIVER) {
                duplicates.increment();
                return;
            }
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
                redeliver(dedupe.complete(id, version, ok));
            }
        }
    }

    /**
     * Runs copies that waited for a delivery that then failed: after what is queued in async mode, right here in
     * sync mode (where delivery is on the publisher's thread anyway). A full queue runs them here too: a copy is
     * never lost for want of room.
     */
    void redeliver(List<Runnable> copies) {
        for (Runnable copy : copies) {
            if (bus.syncDelivery() || !active || !queue.offer(copy)) {
                copy.run();
            } else {
                wakeRunner();
            }
        }
    }

    /** Idle: nothing queued and nothing running. */
    boolean idle() {
        return state.get() != SCHEDULED && queue.isEmpty();
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
        queue.clear();
        Thread own = ownThread;
        if (own != null) {
            LockSupport.unpark(own); // ends its linger at once
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
        return new BusStats.SubscriptionStats(name, selector.toJson(), queue.depth(), queue.capacity(),
                delivered.sum(), dropped.sum(), errors.sum(), duplicates.sum());
    }

    @Override
    public String toString() {
        return "Subscription[" + name + " " + selector.toJson() + "]";
    }
}
