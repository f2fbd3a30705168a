package org.rcrt.localbus.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A bounded multi-producer queue drained in order by one daemon thread of its own.
 *
 * <p>{@link #offer} never blocks: when the queue is full it answers false and the caller counts a drop. The
 * consumer thread is started on the first offer and spins for a few microseconds before parking, which keeps
 * hand-off latency low without burning a core that belongs to the host application.
 */
public final class WorkQueue<T> implements Runnable {
    /** How long an idle consumer spins before parking. */
    private static final long SPIN_NANOS = 20_000;
    /**
     * At most this many consumers spin at a time, process-wide: a core spinning for the bus is a core the host
     * doesn't have, and with many subscriptions on few cores spinners would only steal time from each other.
     */
    private static final int MAX_SPINNERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final AtomicInteger SPINNERS = new AtomicInteger();

    private final String threadName;
    private final int capacity;
    private final Consumer<T> consumer;
    private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger depth = new AtomicInteger();

    private volatile boolean running = true;
    private volatile boolean parked;
    private volatile Thread thread;

    /** {@code consumer} must not throw; whatever it needs to survive, it catches. */
    public WorkQueue(String threadName, int capacity, Consumer<T> consumer) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.threadName = threadName;
        this.capacity = capacity;
        this.consumer = consumer;
    }

    /** Queues the item; false when the queue is full or stopped. */
    public boolean offer(T item) {
        if (!running) {
            return false;
        }
        if (depth.incrementAndGet() > capacity) {
            depth.decrementAndGet();
            return false;
        }
        items.offer(item);
        Thread t = thread;
        if (t == null) {
            start();
        } else if (parked) {
            LockSupport.unpark(t);
        }
        return true;
    }

    private synchronized void start() {
        if (thread == null && running) {
            Thread t = newThread(this, threadName);
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /**
     * A thread that keeps nothing of the code that happens to trigger its creation. These threads are started
     * lazily, from whatever application code publishes or subscribes first, and live as long as the JVM: up to
     * JDK 23 a new thread captures the access-control context of its creator's stack, whose protection domains
     * hold their class loaders, so a thread created under a web app's frames would keep that app's loader alive
     * after undeployment. Created inside {@code doPrivileged}, the captured context holds this (bootstrap) class
     * only. For the same reason the context class loader is the system class loader, not the creator's.
     */
    @SuppressWarnings("removal")
    static Thread newThread(Runnable task, String name) {
        return java.security.AccessController.doPrivileged((java.security.PrivilegedAction<Thread>) () -> {
            Thread t = new Thread(task, name);
            t.setContextClassLoader(ClassLoader.getSystemClassLoader()); // a permission the caller may not have
            return t;
        });
    }

    @Override
    public void run() {
        long idleSince = 0;
        boolean spinning = false;
        while (running) {
            T item = items.poll();
            if (item != null) {
                depth.decrementAndGet();
                consumer.accept(item);
                idleSince = 0;
                continue;
            }
            long now = System.nanoTime();
            if (idleSince == 0) {
                idleSince = now;
                spinning = SPINNERS.incrementAndGet() <= MAX_SPINNERS;
                if (!spinning) {
                    SPINNERS.decrementAndGet(); // enough threads spin already: this one parks at once
                }
            }
            if (spinning && now - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
                continue;
            }
            if (spinning) {
                SPINNERS.decrementAndGet();
                spinning = false;
            }
            parked = true;
            // Re-check after announcing the park: a producer that queued before reading `parked` is seen here.
            if (items.isEmpty() && running) {
                LockSupport.park(this);
            }
            parked = false;
            idleSince = 0;
        }
        if (spinning) {
            SPINNERS.decrementAndGet();
        }
        items.clear();
        depth.set(0);
    }

    /** Stops the consumer; queued items are discarded. Idempotent. */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        } else {
            items.clear();
            depth.set(0);
        }
    }

    public int depth() {
        return depth.get();
    }

    public int capacity() {
        return capacity;
    }
}
