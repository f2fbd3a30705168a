package org.rcrt.localbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rcrt.localbus.BusTestSupport.await;
import static org.rcrt.localbus.BusTestSupport.event;
import static org.rcrt.localbus.BusTestSupport.hasStats;
import static org.rcrt.localbus.BusTestSupport.schema;
import static org.rcrt.localbus.BusTestSupport.statsOf;
import static org.rcrt.localbus.BusTestSupport.unique;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rcrt.localbus.BusTestSupport.Recorder;

@Timeout(60)
class LocalEventBusTest {
    private final List<Subscription> opened = new ArrayList<>();
    private final List<CountDownLatch> gates = new ArrayList<>();

    private Subscription subscribe(Selector selector, Consumer<? super BreadcrumbEvent> listener) {
        Subscription s = LocalEventBus.subscribe(selector, listener);
        opened.add(s);
        return s;
    }

    private Subscription subscribe(Selector selector, Consumer<? super BreadcrumbEvent> listener, SubscribeOptions o) {
        Subscription s = LocalEventBus.subscribe(selector, listener, o);
        opened.add(s);
        return s;
    }

    private CountDownLatch gate() {
        CountDownLatch gate = new CountDownLatch(1);
        gates.add(gate);
        return gate;
    }

    @AfterEach
    void closeEverything() {
        gates.forEach(CountDownLatch::countDown);
        opened.forEach(Subscription::close);
    }

    private static void awaitLatch(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("timed out waiting for " + what);
        }
    }

    @Test
    void withoutAgentTheBusIsLocal() {
        assertThat(LocalEventBus.isShared()).isFalse();
    }

    @Test
    void deliversOnlyMatchingEvents() {
        String s = unique("match");
        Recorder rec = new Recorder();
        Subscription sub = subscribe(Selector.builder().schemaName(s).contextEquals("$.pick", true).build(), rec);
        assertThat(sub.isActive()).isTrue();

        LocalEventBus.publish(event(s, "yes-1", 1, Map.of("pick", true)));
        LocalEventBus.publish(event(s, "no-1", 1, Map.of("pick", false)));
        LocalEventBus.publish(event(s + "-other", "no-2", 1, Map.of("pick", true)));
        LocalEventBus.publish(event(s, "no-3", 1, Map.of()));
        LocalEventBus.publish(event(s, "yes-2", 1, Map.of("pick", true)));

        rec.awaitCount(2);
        // delivery is in order, so once the last matching event is in, nothing else can still come before it
        assertThat(rec.ids()).containsExactly("yes-1", "yes-2");
        assertThat(rec.events().get(0).context()).containsEntry("pick", true);
        assertThat(rec.threads()).allSatisfy(t -> assertThat(t).isNotEqualTo(Thread.currentThread()));
    }

    @Test
    void subscribeNeedsSelectorListenerAndOptions() {
        assertThatThrownBy(() -> LocalEventBus.subscribe(null, e -> { })).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LocalEventBus.subscribe(Selector.all(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LocalEventBus.subscribe(Selector.all(), e -> { }, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SubscribeOptions.defaults().withQueueCapacity(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void singleProducerOrderIsKept() {
        String s = unique("order");
        Recorder rec = new Recorder();
        String name = unique("order-sub");
        subscribe(schema(s), rec, SubscribeOptions.defaults().withName(name));
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            LocalEventBus.publish(event(s, "o-" + i, 1, Map.of("seq", i)));
        }
        rec.awaitCount(n);
        List<BreadcrumbEvent> got = rec.events();
        assertThat(got).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(got.get(i).breadcrumbId()).isEqualTo("o-" + i);
        }
        assertThat(rec.threads()).as("delivered by the bus's threads").allSatisfy(t ->
                assertThat(t.getName()).startsWith("rcrt-localbus-"));
        BusStats.SubscriptionStats st = statsOf(name);
        assertThat(st.delivered()).isEqualTo(n);
        assertThat(st.dropped()).isZero();
    }

    @Test
    void everySubscriptionGetsEveryMatchingEventExactlyOnce() {
        String s = unique("fanout");
        Recorder all = new Recorder();
        Recorder all2 = new Recorder();
        Recorder even = new Recorder();
        Recorder big = new Recorder();
        subscribe(schema(s), all);
        subscribe(schema(s), all2);
        subscribe(Selector.builder().schemaName(s).anyTags("even").build(), even);
        subscribe(Selector.builder().schemaName(s).contextMatch("$.seq", Selector.Op.GT, 899).build(), big);

        int n = 1000;
        for (int i = 0; i < n; i++) {
            BreadcrumbEvent e = BreadcrumbEvent.builder().breadcrumbId("f-" + i).schemaName(s)
                    .tags(i % 2 == 0 ? List.of("even") : List.of("odd")).context(Map.of("seq", i)).build();
            LocalEventBus.publish(e);
        }
        // a final event every subscription matches, to know that all of them are done
        LocalEventBus.publish(BreadcrumbEvent.builder().breadcrumbId("f-end").schemaName(s)
                .tags(List.of("even")).context(Map.of("seq", 100_000)).build());

        all.awaitCount(n + 1);
        all2.awaitCount(n + 1);
        even.awaitCount(n / 2 + 1);
        big.awaitCount(101);

        List<String> expectedAll = new ArrayList<>();
        List<String> expectedEven = new ArrayList<>();
        List<String> expectedBig = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expectedAll.add("f-" + i);
            if (i % 2 == 0) {
                expectedEven.add("f-" + i);
            }
            if (i > 899) {
                expectedBig.add("f-" + i);
            }
        }
        expectedAll.add("f-end");
        expectedEven.add("f-end");
        expectedBig.add("f-end");
        assertThat(all.ids()).containsExactlyElementsOf(expectedAll);
        assertThat(all2.ids()).containsExactlyElementsOf(expectedAll);
        assertThat(even.ids()).containsExactlyElementsOf(expectedEven);
        assertThat(big.ids()).containsExactlyElementsOf(expectedBig);
        // all subscribers got the very same immutable event object
        assertThat(all.events().get(0)).isSameAs(all2.events().get(0));
    }

    @Test
    void concurrentProducersEveryEventOncePerSubscriptionInProducerOrder() throws Exception {
        String s = unique("concurrent");
        int producers = 8;
        int perProducer = 1500;
        int total = producers * perProducer;
        SubscribeOptions roomy = SubscribeOptions.defaults().withQueueCapacity(total);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Recorder onlyP3 = new Recorder();
        String nameA = unique("conc-a");
        subscribe(schema(s), a, roomy.withName(nameA));
        subscribe(schema(s), b, roomy);
        subscribe(Selector.builder().schemaName(s).contextEquals("$.producer", 3).build(), onlyP3, roomy);

        CyclicBarrier start = new CyclicBarrier(producers);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < perProducer; i++) {
                        LocalEventBus.publish(event(s, "p" + producer + "-" + i, 1,
                                Map.of("producer", producer, "seq", i)));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "producer-" + p);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(failures).isEmpty();

        a.awaitCount(total);
        b.awaitCount(total);
        onlyP3.awaitCount(perProducer);
        for (Recorder r : List.of(a, b)) {
            checkOncePerEventInProducerOrder(r.events(), producers, perProducer);
        }
        List<BreadcrumbEvent> p3 = onlyP3.events();
        assertThat(p3).hasSize(perProducer);
        for (int i = 0; i < perProducer; i++) {
            assertThat(p3.get(i).breadcrumbId()).isEqualTo("p3-" + i);
        }
        BusStats.SubscriptionStats st = statsOf(nameA);
        assertThat(st.delivered()).isEqualTo(total);
        assertThat(st.dropped()).isZero();
    }

    private static void checkOncePerEventInProducerOrder(List<BreadcrumbEvent> got, int producers, int perProducer) {
        assertThat(got).hasSize(producers * perProducer);
        Set<String> ids = new HashSet<>();
        Map<Long, Long> lastSeq = new HashMap<>();
        for (BreadcrumbEvent e : got) {
            assertThat(ids.add(e.breadcrumbId())).as("delivered once: %s", e.breadcrumbId()).isTrue();
            long producer = (Long) e.context().get("producer");
            long seq = (Long) e.context().get("seq");
            long expected = lastSeq.getOrDefault(producer, -1L) + 1;
            assertThat(seq).as("producer %d order", producer).isEqualTo(expected);
            lastSeq.put(producer, seq);
        }
        for (long p = 0; p < producers; p++) {
            assertThat(lastSeq.get(p)).isEqualTo(perProducer - 1L);
        }
    }

    @Test
    void throwingListenerIsCountedAndIsolated() {
        String s = unique("throws");
        String failingName = unique("failing");
        String healthyName = unique("healthy");
        List<String> attempted = new java.util.concurrent.CopyOnWriteArrayList<>();
        subscribe(schema(s), e -> {
            attempted.add(e.breadcrumbId());
            if (Boolean.TRUE.equals(e.context().get("fail"))) {
                throw new IllegalStateException("listener bug");
            }
        }, SubscribeOptions.defaults().withName(failingName));
        Recorder healthy = new Recorder();
        subscribe(schema(s), healthy, SubscribeOptions.defaults().withName(healthyName));
        long errorsBefore = LocalEventBus.stats().listenerErrors();

        LocalEventBus.publish(event(s, "t-1", 1, Map.of("fail", true)));
        LocalEventBus.publish(event(s, "t-2", 1, Map.of()));
        LocalEventBus.publish(event(s, "t-3", 1, Map.of("fail", true)));
        LocalEventBus.publish(event(s, "t-4", 1, Map.of()));

        await("failing listener saw all four", () -> attempted.size() == 4);
        healthy.awaitCount(4);
        assertThat(attempted).containsExactly("t-1", "t-2", "t-3", "t-4");
        assertThat(healthy.ids()).containsExactly("t-1", "t-2", "t-3", "t-4");

        await("counters settle", () -> statsOf(failingName).delivered() + statsOf(failingName).listenerErrors() == 4);
        BusStats.SubscriptionStats failing = statsOf(failingName);
        assertThat(failing.listenerErrors()).isEqualTo(2);
        assertThat(failing.delivered()).isEqualTo(2);
        await("healthy counters", () -> statsOf(healthyName).delivered() == 4);
        assertThat(statsOf(healthyName).listenerErrors()).isZero();
        assertThat(LocalEventBus.stats().listenerErrors()).isGreaterThanOrEqualTo(errorsBefore + 2);
    }

    @Test
    void blockedListenerDropsWhenFullAndDelaysNobodyElse() throws Exception {
        String s = unique("blocked");
        String blockedName = unique("blocked-sub");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = gate();
        Recorder blockedGot = new Recorder();
        subscribe(schema(s), e -> {
            blockedGot.accept(e);
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }, SubscribeOptions.defaults().withQueueCapacity(10).withName(blockedName));
        Recorder other = new Recorder();
        subscribe(schema(s), other);
        long droppedBefore = LocalEventBus.stats().dropped();

        LocalEventBus.publish(event(s, "b-0", 1, Map.of("seq", 0)));
        awaitLatch(entered, "blocked listener to hold the first event");
        // the listener now holds b-0: its queue has room for exactly 10 more, the remaining 89 are dropped
        for (int i = 1; i < 100; i++) {
            LocalEventBus.publish(event(s, "b-" + i, 1, Map.of("seq", i)));
        }

        // the other subscription is not delayed by the blocked one (still blocked: release not counted down)
        other.awaitCount(100);
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(other.ids()).hasSize(100).startsWith("b-0", "b-1").endsWith("b-99");

        BusStats.SubscriptionStats st = statsOf(blockedName);
        assertThat(st.queueCapacity()).isEqualTo(10);
        assertThat(st.queueDepth()).isEqualTo(10);
        assertThat(st.dropped()).isEqualTo(89);
        assertThat(st.delivered()).isZero();
        assertThat(LocalEventBus.stats().dropped()).isGreaterThanOrEqualTo(droppedBefore + 89);

        // seen(): an event dropped for one subscriber was not handed to every subscriber
        assertThat(LocalEventBus.seen("b-0", 1)).isTrue();
        assertThat(LocalEventBus.seen("b-10", 1)).isTrue();
        assertThat(LocalEventBus.seen("b-11", 1)).isFalse();
        assertThat(LocalEventBus.seen("b-99", 1)).isFalse();

        release.countDown();
        blockedGot.awaitCount(11);
        await("blocked subscription drains", () -> statsOf(blockedName).delivered() == 11);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            expected.add("b-" + i);
        }
        assertThat(blockedGot.ids()).containsExactlyElementsOf(expected);
        BusStats.SubscriptionStats after = statsOf(blockedName);
        assertThat(after.queueDepth()).isZero();
        assertThat(after.dropped()).isEqualTo(89);

        // and later events reach it again
        LocalEventBus.publish(event(s, "b-late", 1, Map.of()));
        blockedGot.awaitCount(12);
        assertThat(blockedGot.ids()).endsWith("b-late");
    }

    @Test
    void closeStopsDeliveryAndIsIdempotent() throws Exception {
        String s = unique("close");
        String name = unique("closing");
        Recorder closing = new Recorder();
        Recorder witness = new Recorder();
        Subscription sub = subscribe(schema(s), closing, SubscribeOptions.defaults().withName(name));
        subscribe(schema(s), witness);

        LocalEventBus.publish(event(s, "c-1", 1, Map.of()));
        closing.awaitCount(1);
        assertThat(hasStats(name)).isTrue();

        sub.close();
        assertThat(sub.isActive()).isFalse();
        assertThat(hasStats(name)).as("a closed subscription leaves the stats").isFalse();
        sub.close(); // harmless
        assertThat(sub.isActive()).isFalse();

        LocalEventBus.publish(event(s, "c-2", 1, Map.of()));
        LocalEventBus.publish(event(s, "c-3", 1, Map.of()));
        witness.awaitCount(3);
        Thread.sleep(50);
        assertThat(closing.ids()).containsExactly("c-1");
    }

    @Test
    void closeDiscardsQueuedEvents() throws Exception {
        String s = unique("discard");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = gate();
        Recorder got = new Recorder();
        Subscription sub = subscribe(schema(s), e -> {
            got.accept(e);
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        });
        LocalEventBus.publish(event(s, "d-0", 1, Map.of()));
        awaitLatch(entered, "listener holds first event");
        for (int i = 1; i <= 5; i++) {
            LocalEventBus.publish(event(s, "d-" + i, 1, Map.of()));
        }
        sub.close();
        release.countDown();

        // a witness published after close shows the bus is still working; the closed listener got nothing more
        Recorder witness = new Recorder();
        subscribe(schema(s), witness);
        LocalEventBus.publish(event(s, "d-after", 1, Map.of()));
        witness.awaitCount(1);
        Thread.sleep(50);
        assertThat(got.ids()).containsExactly("d-0");
        assertThat(sub.isActive()).isFalse();
    }

    @Test
    void statsPerSubscription() {
        String s = unique("stats");
        String name = unique("named");
        Selector selector = Selector.builder().schemaName(s).allTags("test").build();
        Recorder rec = new Recorder();
        Subscription sub = subscribe(selector, rec, SubscribeOptions.defaults().withName(name));
        assertThat(sub.name()).isEqualTo(name);

        BusStats.SubscriptionStats initial = statsOf(name);
        assertThat(initial.selector()).isEqualTo(selector.toJson());
        assertThat(initial.queueCapacity()).as("bus default").isEqualTo(10_000);
        assertThat(initial.queueDepth()).isZero();
        assertThat(initial.delivered()).isZero();
        assertThat(initial.dropped()).isZero();
        assertThat(initial.listenerErrors()).isZero();
        assertThat(initial.duplicatesSkipped()).isZero();

        long publishedBefore = LocalEventBus.stats().published();
        long deliveredBefore = LocalEventBus.stats().delivered();
        for (int i = 0; i < 5; i++) {
            LocalEventBus.publish(event(s, "st-" + i, 1, Map.of()));
        }
        rec.awaitCount(5);
        await("delivered counted", () -> statsOf(name).delivered() == 5);
        BusStats total = LocalEventBus.stats();
        assertThat(total.published()).isGreaterThanOrEqualTo(publishedBefore + 5);
        assertThat(total.delivered()).isGreaterThanOrEqualTo(deliveredBefore + 5);
        assertThat(statsOf(name).queueDepth()).isZero();

        // closing keeps the totals (the counters are retired into the bus's own)
        sub.close();
        assertThat(LocalEventBus.stats().delivered()).isGreaterThanOrEqualTo(deliveredBefore + 5);

        Subscription unnamed = subscribe(schema(s), e -> { });
        assertThat(unnamed.name()).startsWith("subscription-");
        assertThat(hasStats(unnamed.name())).isTrue();
        assertThat(unnamed.toString()).contains(unnamed.name());
    }

    @Test
    void statsSnapshotIsImmutable() {
        BusStats st = LocalEventBus.stats();
        assertThatThrownBy(() -> st.subscriptions().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> st.counters().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void seenAfterEverySubscriberGotIt() {
        String s = unique("seen");
        String id = unique("seen-id");
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        subscribe(schema(s), a);
        subscribe(schema(s), b);
        assertThat(LocalEventBus.seen(id, 1)).isFalse();

        LocalEventBus.publish(event(s, id, 1, Map.of()));
        a.awaitCount(1);
        b.awaitCount(1);
        assertThat(LocalEventBus.seen(id, 1)).isTrue();
        assertThat(LocalEventBus.seen(id, 2)).isFalse();

        LocalEventBus.publish(event(s, id, 2, Map.of()));
        assertThat(LocalEventBus.seen(id, 2)).isTrue();
        assertThat(LocalEventBus.seen(id, 1)).as("an older version counts as seen once a newer one was").isTrue();
        assertThat(LocalEventBus.seen(id, 3)).isFalse();
        assertThat(LocalEventBus.seen(unique("never"), 1)).isFalse();
    }

    @Test
    void seenKnowsOnlyNewerVersionsAfterNewerPublish() {
        String s = unique("seen-v");
        String id = unique("v-id");
        Recorder a = new Recorder();
        subscribe(schema(s), a);
        LocalEventBus.publish(event(s, id, 2, Map.of()));
        assertThat(LocalEventBus.seen(id, 1)).isTrue();
        assertThat(LocalEventBus.seen(id, 2)).isTrue();
        a.awaitCount(1);
    }

    // ---- dedupe ----

    @Test
    void dedupeDeliversEachVersionOnce() {
        String s = unique("dedupe");
        String name = unique("dedupe-sub");
        Recorder rec = new Recorder();
        subscribe(schema(s), rec, SubscribeOptions.defaults().withDedupe(true).withName(name));
        Recorder plain = new Recorder();
        subscribe(schema(s), plain);

        LocalEventBus.publish(event(s, "x", 1, Map.of("copy", "local")));
        LocalEventBus.publish(event(s, "x", 1, Map.of("copy", "sse")));
        LocalEventBus.publish(event(s, "x", 2, Map.of()));
        LocalEventBus.publish(event(s, "end", 1, Map.of()));

        rec.awaitCount(3);
        plain.awaitCount(4);
        assertThat(rec.events()).extracting(e -> e.breadcrumbId() + "@" + e.version()).containsExactly("x@1", "x@2", "end@1");
        assertThat(rec.events().get(0).context()).containsEntry("copy", "local");
        assertThat(plain.count()).as("without dedupe both copies arrive").isEqualTo(4);
        await("counted", () -> statsOf(name).delivered() == 3);
        assertThat(statsOf(name).duplicatesSkipped()).isEqualTo(1);
        assertThat(LocalEventBus.stats().duplicatesSkipped()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void dedupeSkipsOlderVersionAfterNewer() {
        String s = unique("dedupe-old");
        String name = unique("dedupe-old-sub");
        Recorder rec = new Recorder();
        subscribe(schema(s), rec, SubscribeOptions.defaults().withDedupe(true).withName(name));

        LocalEventBus.publish(event(s, "y", 3, Map.of()));
        LocalEventBus.publish(event(s, "y", 2, Map.of()));
        LocalEventBus.publish(event(s, "y", 1, Map.of()));
        LocalEventBus.publish(event(s, "y", 4, Map.of()));
        LocalEventBus.publish(event(s, "z", 1, Map.of()));

        rec.awaitCount(3);
        await("counted", () -> statsOf(name).delivered() == 3);
        assertThat(rec.events()).extracting(e -> e.breadcrumbId() + "@" + e.version()).containsExactly("y@3", "y@4", "z@1");
        assertThat(statsOf(name).duplicatesSkipped()).isEqualTo(2);
    }

    @Test
    void dedupeDeliversTheSecondCopyWhenTheFirstFailed() {
        String s = unique("dedupe-fail");
        String name = unique("dedupe-fail-sub");
        AtomicInteger calls = new AtomicInteger();
        Recorder ok = new Recorder();
        subscribe(schema(s), e -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first copy fails");
            }
            ok.accept(e);
        }, SubscribeOptions.defaults().withDedupe(true).withName(name));

        LocalEventBus.publish(event(s, "w", 1, Map.of("copy", 1)));
        LocalEventBus.publish(event(s, "w", 1, Map.of("copy", 2)));
        LocalEventBus.publish(event(s, "w", 1, Map.of("copy", 3)));

        ok.awaitCount(1);
        await("all copies handled", () -> {
            BusStats.SubscriptionStats st = statsOf(name);
            return st.listenerErrors() + st.delivered() + st.duplicatesSkipped() == 3;
        });
        assertThat(ok.events()).hasSize(1);
        assertThat(ok.events().get(0).context()).containsEntry("copy", 2L);
        BusStats.SubscriptionStats st = statsOf(name);
        assertThat(st.listenerErrors()).isEqualTo(1);
        assertThat(st.delivered()).isEqualTo(1);
        assertThat(st.duplicatesSkipped()).isEqualTo(1);
    }

    @Test
    void nonFiniteNumberInContextDoesNotMakePublishThrow() {
        // regression: Json.compareNumbers threw NumberFormatException for Infinity/NaN, so one subscriber's
        // numeric rule made publish() throw and the subscribers after it missed the event
        String s = unique("non-finite");
        Recorder ruled = new Recorder();
        Recorder everything = new Recorder();
        subscribe(Selector.builder().schemaName(s).contextMatch("$.ratio", Selector.Op.GT, 0.5).build(), ruled);
        subscribe(schema(s), everything);

        LocalEventBus.publish(event(s, "inf", 1, Map.of("ratio", Double.POSITIVE_INFINITY)));
        LocalEventBus.publish(event(s, "nan", 1, Map.of("ratio", Double.NaN)));
        LocalEventBus.publish(event(s, "half", 1, Map.of("ratio", 0.25)));

        everything.awaitCount(3);
        assertThat(everything.ids()).containsExactly("inf", "nan", "half");
        ruled.awaitCount(1);
        assertThat(ruled.ids()).startsWith("inf").doesNotContain("half");
    }
}
