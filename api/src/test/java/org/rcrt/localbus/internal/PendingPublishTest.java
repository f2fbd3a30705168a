package org.rcrt.localbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;
import org.rcrt.localbus.Subscription;

/** The agent's hand-off: {@code publish(Supplier)} in async mode, the pool, and what overruns its budget. */
@Timeout(60)
class PendingPublishTest {
    private final InProcessBus bus = InProcessBus.INSTANCE;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final String schema = "pending-" + UUID.randomUUID() + ".v1";

    @AfterEach
    void closeEverything() {
        subscriptions.forEach(Subscription::close);
    }

    private Subscription subscribe(String name, Consumer<BreadcrumbEvent> listener) {
        Subscription s = bus.subscribe(Selector.builder().schemaName(schema).build(), listener,
                SubscribeOptions.defaults().withName(name + "-" + UUID.randomUUID()));
        subscriptions.add(s);
        return s;
    }

    private BreadcrumbEvent event(String id) {
        return BreadcrumbEvent.builder().breadcrumbId(id).version(1).schemaName(schema).build();
    }

    @Test
    void theCallerOnlyHandsOffAndTheFirstConsumerConvertsOnceForEveryone() {
        List<BreadcrumbEvent> got = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 3; i++) {
            subscribe("convert-once", got::add);
        }
        AtomicInteger conversions = new AtomicInteger();
        AtomicReference<Thread> convertedOn = new AtomicReference<>();
        BreadcrumbEvent built = event("once");
        bus.publish(() -> {
            conversions.incrementAndGet();
            convertedOn.set(Thread.currentThread());
            return built;
        });
        await(() -> got.size() == 3);
        assertThat(got).as("all three got the very event built").allSatisfy(e -> assertThat(e).isSameAs(built));
        assertThat(conversions).hasValue(1);
        assertThat(convertedOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(convertedOn.get().getName()).startsWith("rcrt-localbus-");
    }

    @Test
    void aCallThatGivesNoEventOrThrowsDeliversNothing() {
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        subscribe("no-event", e -> got.add(e.breadcrumbId()));
        long published = bus.stats().published();
        bus.publish(() -> null);
        bus.publish(() -> {
            throw new IllegalStateException("a conversion must never throw, but if it does it stays here");
        });
        bus.publish(() -> event("sentinel"));
        await(() -> got.contains("sentinel"));
        assertThat(got).containsExactly("sentinel");
        assertThat(bus.stats().published() - published).as("only built events count as published").isEqualTo(1);
    }

    @Test
    void listenersThatOverrunTheirBudgetMoveToTheirOwnThreadAndDelayNoOneElse() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        CountDownLatch release = new CountDownLatch(1);
        List<List<String>> blockedGot = new ArrayList<>();
        Set<String> blockedThreads = Collections.synchronizedSet(new HashSet<>());
        // more blocking listeners than the pool has threads: had they kept their workers, nobody else would run
        for (int b = 0; b < cores + 1; b++) {
            List<String> mine = Collections.synchronizedList(new ArrayList<>());
            blockedGot.add(mine);
            subscribe("blocker", e -> {
                blockedThreads.add(Thread.currentThread().getName());
                mine.add(e.breadcrumbId());
                try {
                    release.await();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        List<String> fastGot = Collections.synchronizedList(new ArrayList<>());
        Set<Thread> fastThreads = Collections.synchronizedSet(new HashSet<>());
        subscribe("fast", e -> {
            fastThreads.add(Thread.currentThread());
            fastGot.add(e.breadcrumbId());
        });
        int n = 200;
        for (int i = 0; i < n; i++) {
            String id = "e-" + i;
            bus.publish(() -> event(id));
        }
        await(() -> fastGot.size() == n);
        assertThat(blockedGot).as("each blocker is still on its first event").allSatisfy(l -> assertThat(l).hasSize(1));
        release.countDown();
        await(() -> blockedGot.stream().allMatch(l -> l.size() == n));
        for (List<String> l : blockedGot) {
            assertThat(l).as("order kept across the move").isEqualTo(fastGot);
        }
        assertThat(blockedThreads).as("each blocker ends on its own thread")
                .anySatisfy(t -> assertThat(t).contains("blocker"));
        assertThat(fastThreads.size()).as("at most one pool thread per core").isLessThanOrEqualTo(cores);
    }

    @Test
    void drainDeliversWhatIsQueuedIncludingUnconvertedCalls() {
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        subscribe("drain", e -> {
            sleep(2);
            got.add(e.breadcrumbId());
        });
        for (int i = 0; i < 50; i++) {
            String id = "d-" + i;
            bus.publish(() -> event(id));
        }
        bus.drain();
        assertThat(got).hasSize(50);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            sleep(1);
        }
    }
}
