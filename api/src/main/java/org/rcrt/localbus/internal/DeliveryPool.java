package org.rcrt.localbus.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The few threads (at most one per core) that run every subscription's listener in async mode.
 *
 * <p>A subscription with queued events is put once on the ready queue; a worker takes it, runs up to a batch of
 * its events in order, and puts it back at the end if more are waiting, so subscriptions share the workers fairly
 * and each one's events stay in publication order (only one worker runs a subscription at a time). One whose queue
 * ran dry while others wait goes back at the end too, and only a turn that finds it still empty makes it idle:
 * under a steady stream its publishers then pay a queue offer only, not a scheduling (and a wake-up) per event.
 *
 * <p>A publisher wakes a worker only when one is really parked and no other could take the subscription soon:
 * none is spinning, and every awake one is inside a listener call (which may be a slow one). A wake-up costs the
 * publisher far more than a queue offer, and a worker between two calls comes to the ready queue at the end of its
 * batch anyway; should its next call be slow, the watchdog wakes a parked worker at its next tick. Each park is
 * ended by exactly one wake-up. A worker whose subscription ran empty spins a few microseconds on that queue first
 * (the subscription stays scheduled, so its publisher pays only a queue offer), then on the ready queue, then
 * parks; at most half the cores spin at a time: a core spinning for the bus is a core the host doesn't have.
 *
 * <p>A listener call that overruns its budget (two watchdog ticks, {@link #TICK_NANOS} each) takes its worker with
 * it: the watchdog starts a replacement worker at once, and when the call returns its subscription moves to a
 * thread of its own (see {@link SubscriptionWorker#runOnOwnThread}), so a listener that sleeps or blocks delays no
 * other subscription.
 * (A call the host merely descheduled for that long moves too; its subscription comes back once idle.)
 */
final class DeliveryPool {
    /** Events one subscription runs before the worker moves on to the next ready subscription. */
    static final int BATCH = 64;
    /**
     * The watchdog's tick: a listener call seen running at three consecutive ticks (so longer than twice this, at
     * most three times) moves its subscription to its own thread. Generous, because on a busy host a quick call can
     * span a long time slice or a GC pause.
     */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    /** How long an idle worker spins before parking. */
    private static final long SPIN_NANOS = 20_000;
    /** Watchdog ticks without any listener call before the watchdog itself parks until the next call. */
    private static final int IDLE_TICKS_BEFORE_SLEEP = 100;
    /** A worker's call counter after the watchdog took its slot: its running call overran the budget. */
    private static final long RETIRED = -1;

    private final int maxSpinners;
    private final AtomicInteger spinners = new AtomicInteger();
    private final ConcurrentLinkedQueue<SubscriptionWorker> ready = new ConcurrentLinkedQueue<>();
    /** Slots; a slot is empty until its first worker is needed, and gets a new worker when the old one retires. */
    private final Worker[] workers;
    private final AtomicInteger parked = new AtomicInteger();
    private final AtomicInteger workerCounter = new AtomicInteger();
    private volatile Thread watchdog;
    private volatile boolean watchdogAsleep;

    DeliveryPool(int size) {
        this.workers = new Worker[Math.max(1, size)];
        this.maxSpinners = Math.max(1, size / 2);
    }

    static DeliveryPool forThisMachine() {
        return new DeliveryPool(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Queues a subscription that has events and nobody running it; wakes a parked worker or starts one unless an
     * awake worker is free to take it.
     */
    void schedule(SubscriptionWorker subscription) {
        ready.offer(subscription);
        if (spinners.get() > 0 || anyAwakeBetweenCalls()) {
            // A spinning worker takes it; an awake one between two calls does at the end of its batch (should its
            // next call be slow, the watchdog wakes another worker at its next tick). Either re-checks the queue
            // before it parks.
            return;
        }
        wakeOrStart();
    }

    private boolean anyAwakeBetweenCalls() {
        for (Worker w : workers) {
            if (w != null && !w.parked.get() && (w.calls.get() & 1) == 0) {
                return true;
            }
        }
        return false;
    }

    private void wakeOrStart() {
        if (parked.get() > 0 && wakeOne()) {
            return;
        }
        startWorkerIfSlotFree();
    }

    private boolean wakeOne() {
        for (Worker w : workers) {
            if (w != null && w.parked.compareAndSet(true, false)) {
                parked.decrementAndGet();
                LockSupport.unpark(w.thread);
                return true;
            }
        }
        return false;
    }

    private synchronized void startWorkerIfSlotFree() {
        for (int i = 0; i < workers.length; i++) {
            if (workers[i] == null) {
                workers[i] = startWorker();
                return;
            }
        }
    }

    private Worker startWorker() {
        Worker w = new Worker("rcrt-localbus-worker-" + workerCounter.incrementAndGet());
        if (watchdog == null) {
            Thread t = Threads.platform(this::watch, "rcrt-localbus-watchdog");
            watchdog = t;
            t.start();
        }
        w.thread.start();
        return w;
    }

    /** Gives the slot of a worker whose call overran the budget to a new worker. */
    private synchronized void replace(Worker stuck) {
        for (int i = 0; i < workers.length; i++) {
            if (workers[i] == stuck) {
                workers[i] = startWorker();
                return;
            }
        }
    }

    /** One pool thread. Its call counter is odd while a listener runs; the watchdog reads it. */
    final class Worker implements SubscriptionWorker.Runner {
        final Thread thread;
        final AtomicBoolean parked = new AtomicBoolean();
        final AtomicLong calls = new AtomicLong();
        /** The last subscription's queue was just waited on for the whole spin: idle() need not spin again. */
        private boolean spun;

        Worker(String name) {
            this.thread = Threads.platform(this::run, name);
        }

        @Override
        public void beforeCall() {
            // A full fence, paired with the watchdog's before it parks: either it sees this call or this sees it asleep.
            calls.set(calls.get() + 1);
            if (watchdogAsleep) {
                watchdogAsleep = false;
                LockSupport.unpark(watchdog);
            }
        }

        @Override
        public boolean afterCall() {
            long c = calls.get();
            return c != RETIRED && calls.compareAndSet(c, c + 1);
        }

        @Override
        public boolean awaitMore(WorkQueue<?> queue) {
            if (!ready.isEmpty()) {
                return false; // others wait: move on
            }
            if (spinners.incrementAndGet() > maxSpinners) {
                spinners.decrementAndGet();
                return false;
            }
            try {
                long until = System.nanoTime() + SPIN_NANOS;
                do {
                    if (!queue.isEmpty()) {
                        return true;
                    }
                    if (!ready.isEmpty()) {
                        return false;
                    }
                    Thread.onSpinWait();
                } while (System.nanoTime() < until);
                spun = true;
                return false;
            } finally {
                spinners.decrementAndGet();
            }
        }

        @Override
        public boolean othersWaiting() {
            return !ready.isEmpty();
        }

        private void run() {
            while (true) {
                SubscriptionWorker s = ready.poll();
                if (s == null) {
                    s = idle();
                    if (s == null) {
                        continue;
                    }
                }
                switch (s.runBatch(BATCH, this)) {
                    case MORE -> ready.offer(s);
                    case HANDED_OVER -> {
                        s.runOnOwnThread();
                        return; // this worker's slot went to its replacement while the call overran
                    }
                    case DONE -> { }
                }
            }
        }

        /** Spins a little, then parks until a publisher wakes this worker; the subscription found, or null. */
        private SubscriptionWorker idle() {
            if (spun) {
                spun = false;
            } else if (spinners.incrementAndGet() <= maxSpinners) {
                try {
                    long until = System.nanoTime() + SPIN_NANOS;
                    do {
                        SubscriptionWorker s = ready.poll();
                        if (s != null) {
                            return s;
                        }
                        Thread.onSpinWait();
                    } while (System.nanoTime() < until);
                } finally {
                    spinners.decrementAndGet();
                }
            } else {
                spinners.decrementAndGet();
            }
            parked.set(true);
            DeliveryPool.this.parked.incrementAndGet();
            // Re-check after announcing the park: a publisher that queued before reading `parked` is seen here.
            if (!ready.isEmpty() && parked.compareAndSet(true, false)) {
                DeliveryPool.this.parked.decrementAndGet();
                return null;
            }
            while (parked.get()) {
                LockSupport.park(DeliveryPool.this);
            }
            return null;
        }
    }

    private boolean anyInCall() {
        for (Worker w : workers) {
            if (w != null && (w.calls.get() & 1) == 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * The watchdog: every tick it looks at each worker's call counter; one that is odd (in a call) and unchanged
     * over three looks belongs to a call that overran. One unchanged over two looks is a slow call: subscriptions
     * waiting in the ready queue get another worker. After a second of no calls at all it parks until the next
     * call starts, so an idle bus costs no wake-ups.
     */
    private void watch() {
        long[] seen = new long[workers.length];
        boolean[] stillInCall = new boolean[workers.length];
        int idleTicks = 0;
        while (true) {
            boolean active = false;
            for (int i = 0; i < workers.length; i++) {
                Worker w = workers[i];
                if (w == null) {
                    continue;
                }
                long c = w.calls.get();
                if (c != seen[i]) {
                    active = true;
                    stillInCall[i] = false;
                } else if ((c & 1) == 1 && !stillInCall[i]) {
                    stillInCall[i] = true; // the same call as a tick ago: one more tick and it has overrun
                    active = true;
                    if (!ready.isEmpty()) {
                        wakeOrStart(); // what waits for this worker need not wait for the end of that call
                    }
                } else if ((c & 1) == 1 && w.calls.compareAndSet(c, RETIRED)) {
                    replace(w);
                    stillInCall[i] = false;
                    active = true;
                }
                seen[i] = c;
            }
            idleTicks = active ? 0 : idleTicks + 1;
            if (idleTicks >= IDLE_TICKS_BEFORE_SLEEP) {
                watchdogAsleep = true;
                if (!anyInCall()) {
                    LockSupport.park(this);
                }
                watchdogAsleep = false;
                idleTicks = 0;
            } else {
                LockSupport.parkNanos(this, TICK_NANOS);
            }
        }
    }
}
