package com.example.hardening;

import com.example.support.ChildApp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;

/**
 * 16 threads create N breadcrumbs through an in-memory client; 8 subscriptions check that each matching event arrives
 * exactly once and in per-thread order. Memory: used heap after full GCs at baseline, half-way and the end.
 * Args: N [threads].
 */
public final class LoadApp {
    static final class Check {
        final String name;
        final Selector selector;
        final BiPredicate<Integer, Integer> expected; // (thread, seq) -> should match
        final int[] lastSeq;
        final AtomicLong received = new AtomicLong();
        final AtomicLong violations = new AtomicLong();
        volatile String firstViolation;
        long expectedCount;

        Check(String name, Selector selector, BiPredicate<Integer, Integer> expected, int threads) {
            this.name = name;
            this.selector = selector;
            this.expected = expected;
            this.lastSeq = new int[threads];
            java.util.Arrays.fill(lastSeq, -1);
        }

        /** Runs on this subscription's own thread only. */
        void accept(BreadcrumbEvent e) {
            try {
                int t = ((Number) e.context().get("thread")).intValue();
                int s = ((Number) e.context().get("seq")).intValue();
                String problem = null;
                if (!expected.test(t, s)) {
                    problem = "unexpected event t" + t + " s" + s;
                } else if (s <= lastSeq[t]) {
                    problem = "order/duplicate: t" + t + " s" + s + " after s" + lastSeq[t];
                } else if (!e.breadcrumbId().equals(LoadClient.idOf(t, s))) {
                    problem = "wrong id " + e.breadcrumbId() + " for t" + t + " s" + s;
                } else if (e.version() != 1 || !("load.v" + (s % 4)).equals(e.schemaName())) {
                    problem = "wrong version/schema " + e.version() + "/" + e.schemaName();
                }
                if (problem != null) {
                    if (violations.getAndIncrement() == 0) {
                        firstViolation = problem;
                    }
                } else {
                    lastSeq[t] = s;
                }
                received.incrementAndGet();
            } catch (RuntimeException ex) {
                if (violations.getAndIncrement() == 0) {
                    firstViolation = ex.toString();
                }
                received.incrementAndGet();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int perThread = Math.max(1, n / threads);
        int total = perThread * threads;
        int warmupPerThread = Math.max(1, Math.min(200, perThread / 10));
        int mainPerThread = perThread - warmupPerThread;
        int halfPerThread = mainPerThread / 2;
        int lowSeq = perThread / 2;

        List<Check> checks = new ArrayList<>();
        checks.add(new Check("all-1", Selector.all(), (t, s) -> true, threads));
        checks.add(new Check("all-2", Selector.all(), (t, s) -> true, threads));
        checks.add(new Check("schema-v0", Selector.builder().schemaName("load.v0").build(), (t, s) -> s % 4 == 0, threads));
        checks.add(new Check("any-even", Selector.builder().anyTags("even").build(), (t, s) -> s % 2 == 0, threads));
        checks.add(new Check("all-load-odd", Selector.builder().allTags("load", "odd").build(), (t, s) -> s % 2 == 1, threads));
        checks.add(new Check("mod3-eq-0", Selector.builder().contextEquals("$.mod3", 0).build(), (t, s) -> s % 3 == 0, threads));
        checks.add(new Check("seq-lt", Selector.builder().contextMatch("$.seq", Selector.Op.LT, lowSeq).build(),
                (t, s) -> s < lowSeq, threads));
        checks.add(new Check("threads-3-7", Selector.builder().anyTags("t3", "t7").build(), (t, s) -> t == 3 || t == 7, threads));
        for (Check c : checks) {
            for (int t = 0; t < threads; t++) {
                for (int s = 0; s < perThread; s++) {
                    if (c.expected.test(t, s)) {
                        c.expectedCount++;
                    }
                }
            }
            LocalEventBus.subscribe(c.selector, c::accept, SubscribeOptions.defaults().withName(c.name).withDedupe(c.name.equals("all-2")));
        }
        LoadClient client = new LoadClient();

        int[] nextSeq = new int[threads];
        run(client, threads, nextSeq, warmupPerThread);
        long warmupTotal = (long) warmupPerThread * threads;
        awaitAll(checks, warmupTotal, threads, nextSeq);
        long baseline = App.usedHeapAfterGc();

        run(client, threads, nextSeq, halfPerThread);
        awaitAll(checks, 0, threads, nextSeq);
        long mid = App.usedHeapAfterGc();

        run(client, threads, nextSeq, mainPerThread - halfPerThread);
        boolean complete = awaitAll(checks, 0, threads, nextSeq);
        long end = App.usedHeapAfterGc();

        ChildApp.print("TOTAL", total);
        ChildApp.print("COMPLETE", complete);
        for (Check c : checks) {
            ChildApp.print("SUB " + c.name, "expected=" + c.expectedCount + " received=" + c.received.get() + " violations="
                    + c.violations.get() + (c.firstViolation == null ? "" : " first=" + c.firstViolation));
        }
        BusStats stats = LocalEventBus.stats();
        ChildApp.print("PUBLISHED", stats.published());
        ChildApp.print("DROPPED", stats.dropped());
        ChildApp.print("LISTENER_ERRORS", stats.listenerErrors());
        ChildApp.print("DUPLICATES_SKIPPED", stats.duplicatesSkipped());
        ChildApp.print("NOT_CONVERTED", stats.counters().get("agent.notConverted"));
        ChildApp.print("AGENT_ERRORS", stats.counters().get("agent.errors"));
        ChildApp.print("HEAP_BASELINE", baseline);
        ChildApp.print("HEAP_MID", mid);
        ChildApp.print("HEAP_END", end);
        ChildApp.print("DONE", true);
    }

    /** Each thread creates {@code count} more breadcrumbs, continuing its own sequence. */
    private static void run(LoadClient client, int threads, int[] nextSeq, int count) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            int from = nextSeq[t];
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int s = from; s < from + count; s++) {
                    Map<String, Object> context = new LinkedHashMap<>();
                    context.put("thread", thread);
                    context.put("seq", s);
                    context.put("mod3", s % 3);
                    context.put("label", "load event");
                    String id = client.createBreadcrumb(Bodies.body("load " + thread + "/" + s, "load.v" + (s % 4),
                            List.of("load", "t" + thread, s % 2 == 0 ? "even" : "odd"), context));
                    if (id == null) {
                        throw new IllegalStateException("no id");
                    }
                }
            }, "creator-" + t);
            workers.add(w);
            w.start();
            nextSeq[t] = from + count;
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
    }

    /** Something was dropped: waiting for completeness is pointless. */
    private static boolean lost() {
        BusStats st = LocalEventBus.stats();
        return st.dropped() > 0;
    }

    /** Waits until every subscription has received what matches the sequences created so far. */
    private static boolean awaitAll(List<Check> checks, long ignored, int threads, int[] nextSeq) {
        boolean ok = true;
        for (Check c : checks) {
            long want = 0;
            for (int t = 0; t < threads; t++) {
                for (int s = 0; s < nextSeq[t]; s++) {
                    if (c.expected.test(t, s)) {
                        want++;
                    }
                }
            }
            long w = want;
            ok &= ChildApp.await(() -> c.received.get() >= w || lost(), 120_000);
        }
        return ok;
    }
}
