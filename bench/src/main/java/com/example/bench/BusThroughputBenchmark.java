package com.example.bench;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;
import org.rcrt.localbus.Subscription;
import org.rcrt.localbus.internal.InProcessBus;

/**
 * Figure 3, bus throughput: events published per second with 1, 4 and 16 subscriptions, each with a selector
 * (schema name, a tag, a context rule) that the event matches, so every subscriber gets every event. Runs without
 * the agent: it measures the bus alone.
 *
 * <ul>
 *   <li>{@code *Sync}: delivery on the publishing thread: the bus in sync mode against Guava's {@link EventBus};
 *       one op = one event delivered to every subscriber.</li>
 *   <li>{@code *Async}: delivery on other threads: the bus's default (a queue per subscription, drained by a
 *       pool of at most one thread per core) against Guava's {@link AsyncEventBus} on a two-thread pool; one op = one event, measured over batches of
 *       {@value #BATCH} that are published and then waited for until every subscriber has seen all of them.</li>
 * </ul>
 * Guava has no selectors: its subscribers evaluate the very same {@link Selector} in the handler, which is what a
 * Guava user would write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BusThroughputBenchmark {
    static final int BATCH = 1000;

    @Param({"1", "4", "16"})
    public int subscriptions;

    private BreadcrumbEvent event;
    private Selector selector;
    private final List<Subscription> subs = new ArrayList<>();
    private Counter[] counters;
    private EventBus guava;
    private AsyncEventBus guavaAsync;
    private ExecutorService guavaPool;
    private boolean syncMode;

    /** One subscriber's count, padded apart from the others'. */
    static final class Counter {
        long p1, p2, p3, p4, p5, p6, p7;
        volatile long seen;
        long q1, q2, q3, q4, q5, q6, q7;
    }

    /** A Guava subscriber: filters with the selector, as the bus does. */
    public static final class GuavaSubscriber {
        private final Selector selector;
        private final Counter counter;

        GuavaSubscriber(Selector selector, Counter counter) {
            this.selector = selector;
            this.counter = counter;
        }

        @Subscribe
        @AllowConcurrentEvents
        public void on(BreadcrumbEvent e) {
            if (selector.matches(e)) {
                counter.seen = counter.seen + 1; // Guava serialises calls per subscriber without the annotation; with
                // it, one subscriber may run on two threads: the async benchmark gives each its own counter per call
            }
        }
    }

    @Setup(Level.Trial)
    public void setUp(org.openjdk.jmh.infra.BenchmarkParams params) {
        syncMode = params.getBenchmark().endsWith("Sync");
        event = BreadcrumbEvent.builder()
                .breadcrumbId("bc-1").ownerId("owner-1").version(1)
                .tags(List.of("tools", "request")).schemaName(Drafts.SCHEMA)
                .context(Map.of("tool", "echo", "input", Map.of("text", "hello")))
                .build();
        selector = Selector.builder().schemaName(Drafts.SCHEMA).anyTags("tools").contextEquals("$.tool", "echo").build();
        counters = new Counter[subscriptions];
        for (int i = 0; i < subscriptions; i++) {
            counters[i] = new Counter();
        }
        String benchmark = params.getBenchmark();
        if (benchmark.contains("localbus")) {
            InProcessBus.INSTANCE.configure(syncMode, 10_000, TimeUnit.SECONDS.toNanos(1), 10_000, TimeUnit.MINUTES.toNanos(10));
            for (int i = 0; i < subscriptions; i++) {
                Counter c = counters[i];
                subs.add(InProcessBus.INSTANCE.subscribe(selector, e -> c.seen = c.seen + 1,
                        SubscribeOptions.defaults().withQueueCapacity(4 * BATCH)));
            }
        } else if (syncMode) {
            guava = new EventBus();
            for (int i = 0; i < subscriptions; i++) {
                guava.register(new GuavaSubscriber(selector, counters[i]));
            }
        } else {
            guavaPool = Executors.newFixedThreadPool(2);
            guavaAsync = new AsyncEventBus(guavaPool);
            for (int i = 0; i < subscriptions; i++) {
                guavaAsync.register(new SerialGuavaSubscriber(selector, counters[i]));
            }
        }
    }

    /** Without {@code @AllowConcurrentEvents}: Guava delivers to it one event at a time, in order, like the bus. */
    public static final class SerialGuavaSubscriber {
        private final Selector selector;
        private final Counter counter;

        SerialGuavaSubscriber(Selector selector, Counter counter) {
            this.selector = selector;
            this.counter = counter;
        }

        @Subscribe
        public void on(BreadcrumbEvent e) {
            if (selector.matches(e)) {
                counter.seen = counter.seen + 1;
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Drops.refuseIfAny("BusThroughputBenchmark subscriptions=" + subscriptions);
        subs.forEach(Subscription::close);
        subs.clear();
        if (guavaPool != null) {
            guavaPool.shutdownNow();
        }
    }

    @Benchmark
    public void localbusSync() {
        InProcessBus.INSTANCE.publish(event);
    }

    @Benchmark
    public void guavaEventBusSync() {
        guava.post(event);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void localbusAsync() {
        long target = counters[0].seen + BATCH;
        for (int i = 0; i < BATCH; i++) {
            InProcessBus.INSTANCE.publish(event);
        }
        awaitAll(target);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void guavaAsyncEventBusAsync() {
        long target = counters[0].seen + BATCH;
        for (int i = 0; i < BATCH; i++) {
            guavaAsync.post(event);
        }
        awaitAll(target);
    }

    private void awaitAll(long target) {
        for (Counter c : counters) {
            while (c.seen < target) {
                Thread.onSpinWait();
            }
        }
    }
}
