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
import java.util.function.LongSupplier;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;
import org.rcrt.localbus.Subscription;

/**
 * The bus itself: subscriptions, selector matching, hand-off to each subscriber's worker, counters.
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
    private final Map<String, LongSupplier> counters = new ConcurrentHashMap<>();
    private final AtomicBoolean drainHookInstalled = new AtomicBoolean();

    private volatile Diagnostics diagnostics = Diagnostics.systemLogger();
    private volatile boolean syncDelivery;
    private volatile int defaultQueueCapacity = 10_000;
    private volatile long shutdownDrainNanos = TimeUnit.SECONDS.toNanos(1);
    private volatile int dedupeMaxEntries = 10_000;
    private volatile long dedupeMaxAgeNanos = TimeUnit.MINUTES.toNanos(10);
    private volatile long dedupeInFlightWaitNanos = TimeUnit.SECONDS.toNanos(5);
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
        return new DedupeWindow(dedupeMaxEntries, dedupeMaxAgeNanos, dedupeInFlightWaitNanos);
    }

    /** Adds a named counter to {@link #stats()} (the agent's own figures). */
    public void registerCounter(String name, LongSupplier value) {
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
     * Hands the event to every matching subscriber: queued for its worker, or, in sync mode, delivered right here
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
        counters.forEach((k, v) -> extra.put(k, v.getAsLong()));
        return new BusStats(published.sum(), delivered, dropped, errors, duplicates, perSubscription, extra);
    }

    /** Total events waiting in subscriber queues. */
    public int queuedEvents() {
        int total = 0;
        for (SubscriptionWorker s : subscriptions) {
            total += s.depth();
        }
        return total;
    }

    /**
     * Waits, up to the configured bound, for queued events to be delivered; used at JVM shutdown so that exit
     * neither loses a just-published event needlessly nor hangs on a stuck listener.
     */
    public void drain() {
        long deadline = System.nanoTime() + shutdownDrainNanos;
        while (queuedEvents() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void installDrainHook() {
        if (drainHookInstalled.compareAndSet(false, true)) {
            try {
                Thread hook = WorkQueue.newThread(this::drain, "rcrt-localbus-shutdown-drain");
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException | SecurityException shuttingDownOrDenied) {
                // Shutdown already started (or hooks are forbidden): there is nothing left to drain for.
            }
        }
    }
}
