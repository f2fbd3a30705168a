package org.rcrt.localbus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;
import org.rcrt.localbus.Subscription;

/**
 * The bus itself: subscriptions, selector matching, hand-off to each subscription's queue, counters.
 *
 * <p>In async mode a publisher only queues: an intercepted call goes as a {@link PendingEvent} straight into every
 * subscription's queue (one hop: no dispatch thread between the caller and the listeners), and the shared
 * {@link DeliveryPool} converts it once and runs the listeners. In sync mode everything happens on the publisher's
 * thread.
 *
 * <p>There is one per class loader that defines this class; with the agent installed that is the bootstrap
 * class loader, and copies of the api loaded elsewhere bridge to it (see {@link BusBridge}).
 */
public final class InProcessBus {
    public static final InProcessBus INSTANCE = new InProcessBus();

    private final CopyOnWriteArrayList<SubscriptionWorker> subscriptions = new CopyOnWriteArrayList<>();
    private final LongAdder published = new LongAdder();
    private final AtomicLong retiredDelivered = new AtomicLong();
    private final AtomicLong retiredDropped = new AtomicLong();
    private final AtomicLong retiredErrors = new AtomicLong();
    private final AtomicLong retiredDuplicates = new AtomicLong();
    private final AtomicLong subscriptionCounter = new AtomicLong();
    private final Map<String, Number> counters = new ConcurrentHashMap<>();
    private final AtomicBoolean drainHookInstalled = new AtomicBoolean();

    private volatile Diagnostics diagnostics = Diagnostics.systemLogger();
    private volatile boolean syncDelivery;
    private volatile int defaultQueueCapacity = 10_000;
    private volatile long shutdownDrainNanos = TimeUnit.SECONDS.toNanos(1);
    private volatile int dedupeMaxEntries = 10_000;
    private volatile long dedupeMaxAgeNanos = TimeUnit.MINUTES.toNanos(10);
    /** Started with the first subscription's first event; a bus fed by no one has no thread. */
    private volatile DeliveryPool pool;
    /** What the local lane handed to every matching subscriber: the answer to {@code seen(id, version)}. */
    private volatile DedupeWindow handedOff = newDedupeWindow();

    private InProcessBus() {}

    /** Applied by the agent from its configuration; without the agent the defaults hold. */
    public void configure(boolean syncDelivery, int defaultQueueCapacity, long shutdownDrainNanos,
                          int dedupeMaxEntries, long dedupeMaxAgeNanos) {
        this.syncDelivery = syncDelivery;
        this.defaultQueueCapacity = defaultQueueCapacity;
        this.shutdownDrainNanos = shutdownDrainNanos;
        this.dedupeMaxEntries = dedupeMaxEntries;
        this.dedupeMaxAgeNanos = dedupeMaxAgeNanos;
        this.handedOff = newDedupeWindow();
    }

    public void diagnostics(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    /** A window with the configured bounds, for consumers that dedupe (subscriptions, sinks). */
    public DedupeWindow newDedupeWindow() {
        return new DedupeWindow(dedupeMaxEntries, dedupeMaxAgeNanos);
    }

    /**
     * Adds a named counter to {@link #stats()} (the agent's own figures): a {@code LongAdder} or an atomic the
     * caller keeps counting in, read only when stats are asked for.
     */
    public void registerCounter(String name, Number value) {
        counters.put(name, value);
    }

    public Subscription subscribe(Selector selector, Consumer<? super BreadcrumbEvent> listener, SubscribeOptions options) {
        if (selector == null || listener == null || options == null) {
            throw new NullPointerException("selector, listener and options are required");
        }
        String name = options.name() != null ? options.name() : "subscription-" + subscriptionCounter.incrementAndGet();
        int capacity = options.queueCapacity() > 0 ? options.queueCapacity() : defaultQueueCapacity;
        SubscriptionWorker worker = new SubscriptionWorker(this, name, selector, listener,
                options.dedupe() ? newDedupeWindow() : null, capacity);
        subscriptions.add(worker);
        installDrainHook();
        return worker;
    }

    /**
     * Hands an intercepted call to every subscription; called on the application's thread right after the call
     * returned. In async mode that is all the caller pays: {@code pending} is converted later, once, by the first
     * subscription that needs the event, on the bus's threads. In sync mode it is converted and delivered right
     * here. {@code pending} answers null when no event can be built: then nothing is delivered. Never throws,
     * never blocks on a full queue.
     */
    public void publish(Supplier<BreadcrumbEvent> pending) {
        if (syncDelivery) {
            BreadcrumbEvent event = convertQuietly(pending);
            if (event != null) {
                publish(event);
            }
            return;
        }
        PendingEvent p = null;
        boolean everyoneGotIt = true;
        for (SubscriptionWorker s : subscriptions) {
            if (p == null) {
                p = new PendingEvent(pending, this);
            }
            everyoneGotIt &= s.enqueue(p);
        }
        if (p != null && everyoneGotIt) {
            p.everyQueueTookIt();
        }
    }

    /** Runs a conversion; what it throws (it should not) counts as "no event". */
    static BreadcrumbEvent convertQuietly(Supplier<BreadcrumbEvent> conversion) {
        try {
            return conversion.get();
        } catch (Throwable t) {
            return null;
        }
    }

    /** A pending event was converted: it counts as published. */
    void countPublished() {
        published.increment();
    }

    /** Every subscription's queue took a converted event: {@link #seen} knows it from now on. */
    void handedOff(BreadcrumbEvent event) {
        if (event.version() > 0) {
            handedOff.markSeen(event.breadcrumbId(), event.version());
        }
    }

    /**
     * Hands an event to every matching subscriber: queued for its runner, or, in sync mode, delivered right here
     * on the caller's thread. Never throws for a listener's sake and never blocks on a full queue.
     */
    public void publish(BreadcrumbEvent event) {
        published.increment();
        boolean everyoneGotIt = true;
        boolean sync = syncDelivery;
        for (SubscriptionWorker s : subscriptions) {
            if (s.matches(event)) {
                if (sync) {
                    s.deliver(event);
                } else {
                    everyoneGotIt &= s.enqueue(event);
                }
            }
        }
        if (everyoneGotIt && event.version() > 0 && event.isComplete()) {
            handedOff.markSeen(event.breadcrumbId(), event.version());
        }
    }

    /**
     * Runs copies that a deduplicating consumer of {@code subscription} put aside while another copy was in flight,
     * now that that one failed: in the subscription's order after what is queued (async), or here (sync).
     */
    public void redeliver(Subscription subscription, List<Runnable> copies) {
        if (copies.isEmpty()) {
            return;
        }
        if (subscription instanceof SubscriptionWorker w) {
            w.redeliver(copies);
        } else {
            copies.forEach(Runnable::run);
        }
    }

    boolean syncDelivery() {
        return syncDelivery;
    }

    DeliveryPool pool() {
        DeliveryPool p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = DeliveryPool.forThisMachine();
                    pool = p;
                }
            }
        }
        return p;
    }

    /** Whether the local lane has handed this version (or a newer one) of the breadcrumb to every matching subscriber. */
    public boolean seen(String breadcrumbId, long version) {
        return handedOff.seen(breadcrumbId, version);
    }

    void remove(SubscriptionWorker worker) {
        if (subscriptions.remove(worker)) {
            retiredDelivered.addAndGet(worker.delivered());
            retiredDropped.addAndGet(worker.dropped());
            retiredErrors.addAndGet(worker.errors());
            retiredDuplicates.addAndGet(worker.duplicates());
        }
    }

    public BusStats stats() {
        long delivered = retiredDelivered.get();
        long dropped = retiredDropped.get();
        long errors = retiredErrors.get();
        long duplicates = retiredDuplicates.get();
        List<BusStats.SubscriptionStats> perSubscription = new ArrayList<>();
        for (SubscriptionWorker s : subscriptions) {
            BusStats.SubscriptionStats st = s.stats();
            perSubscription.add(st);
            delivered += st.delivered();
            dropped += st.dropped();
            errors += st.listenerErrors();
            duplicates += st.duplicatesSkipped();
        }
        Map<String, Long> extra = new TreeMap<>();
        for (Map.Entry<String, Number> c : counters.entrySet()) {
            extra.put(c.getKey(), c.getValue().longValue());
        }
        return new BusStats(published.sum(), delivered, dropped, errors, duplicates, perSubscription, extra);
    }

    /** Total events waiting in subscription queues (not counting those whose listener is running). */
    public int queuedEvents() {
        int total = 0;
        for (SubscriptionWorker s : subscriptions) {
            total += s.depth();
        }
        return total;
    }

    /**
     * Waits, up to the configured bound, until every subscription is idle: what was queued (intercepted calls not
     * converted yet included) has been delivered and no listener is running. Used at JVM shutdown, so that exit
     * neither loses a just-published event nor hangs on a stuck listener.
     */
    public void drain() {
        long deadline = System.nanoTime() + shutdownDrainNanos;
        while (!allIdle() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean allIdle() {
        for (SubscriptionWorker s : subscriptions) {
            if (!s.idle()) {
                return false;
            }
        }
        return true;
    }

    private void installDrainHook() {
        if (drainHookInstalled.compareAndSet(false, true)) {
            try {
                Thread hook = Threads.platform(this::drain, "rcrt-localbus-shutdown-drain");
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException | SecurityException shuttingDownOrDenied) {
                // Shutdown already started (or hooks are forbidden): there is nothing left to drain for.
            }
        }
    }
}
