package com.example.sinks;

import com.example.support.ChildApp;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.LocalEventBus;

/**
 * Run with {@code -Drcrt.localbus.sink=com.example.sinks.DroppableSink#handleEvent}. Creates N sinks and keeps only
 * weak references to them, plus one it keeps; one event reaches all; then the dropped ones must be collected, their
 * subscriptions must go, and M later events must reach only the kept one, without errors or backlog. The sinks share
 * the bus's pool: no thread is started per instance.
 * Args: N M.
 */
public final class WeakSinkApp {
    private static final String PREFIX = "sink " + DroppableSink.class.getName() + "#handleEvent@";

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int m = Integer.parseInt(args[1]);
        DroppableSink kept = new DroppableSink();
        List<DroppableSink> work = new ArrayList<>(); // the app's strong hold, until it is done with them
        List<WeakReference<DroppableSink>> dropped = create(n, work);
        ChildApp.print("SUBSCRIPTIONS_BEFORE", sinkSubscriptions());

        TenantClient client = new TenantClient(null);
        client.createBreadcrumb(Child.body("weak.test.v1", "first", Map.of("i", 0), List.of()));
        Child.require("the first event reached every sink", () -> DroppableSink.TOTAL.get() >= n + 1, 30_000);
        ChildApp.print("FIRST_EVENT_CALLS", DroppableSink.TOTAL.get());
        ChildApp.print("SINK_THREADS_BEFORE", sinkThreads());
        ChildApp.print("POOL_THREADS", poolThreads());
        ChildApp.print("CORES", Runtime.getRuntime().availableProcessors());
        work.clear(); // the application forgets them

        boolean cleared = ChildApp.await(() -> {
            System.gc();
            ChildApp.sleep(20);
            return dropped.stream().allMatch(r -> r.get() == null);
        }, 30_000);
        ChildApp.print("CLEARED", cleared);
        ChildApp.print("STILL_REACHABLE", dropped.stream().filter(r -> r.get() != null).count());
        boolean unsubscribed = ChildApp.await(() -> {
            System.gc();
            ChildApp.sleep(20);
            return sinkSubscriptions() == 1;
        }, 30_000);
        ChildApp.print("UNSUBSCRIBED", unsubscribed);
        ChildApp.print("SUBSCRIPTIONS_AFTER_GC", sinkSubscriptions());
        // a first call slowed by class loading may have moved its subscription to a thread of its own for a while
        ChildApp.await(() -> sinkThreads() == 0, 30_000);
        ChildApp.print("SINK_THREADS_AFTER_GC", sinkThreads());

        long totalBefore = DroppableSink.TOTAL.get();
        for (int i = 1; i <= m; i++) {
            client.createBreadcrumb(Child.body("weak.test.v1", "later " + i, Map.of("i", i), List.of()));
        }
        Child.require("the kept sink got the later events", () -> kept.calls() >= 1 + m, 30_000);
        Child.require("all published", () -> LocalEventBus.stats().published() >= 1 + m, 30_000);
        BusStats stats = LocalEventBus.stats();
        ChildApp.print("LATER_CALLS", DroppableSink.TOTAL.get() - totalBefore);
        ChildApp.print("KEPT_CALLS", kept.calls());
        ChildApp.print("SUBSCRIPTIONS_AT_END", sinkSubscriptions());
        ChildApp.print("QUEUED_AT_END", stats.subscriptions().stream().mapToInt(BusStats.SubscriptionStats::queueDepth).sum());
        ChildApp.await(() -> sinkThreads() == 0, 30_000); // the same: no such thread outlives its backlog for long
        ChildApp.print("SINK_THREADS_AT_END", sinkThreads());
        ChildApp.print("LISTENER_ERRORS", stats.listenerErrors());
        ChildApp.print("DROPPED", stats.dropped());
        ChildApp.print("SINK_INSTANCES", ChildApp.counter("sink.instances"));
        ChildApp.print("DONE", true);
    }

    /** In its own frame, so that no local variable of main keeps an instance alive once {@code hold} is cleared. */
    private static List<WeakReference<DroppableSink>> create(int n, List<DroppableSink> hold) {
        List<WeakReference<DroppableSink>> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DroppableSink sink = new DroppableSink();
            hold.add(sink);
            refs.add(new WeakReference<>(sink));
        }
        return refs;
    }

    private static long sinkSubscriptions() {
        return LocalEventBus.stats().subscriptions().stream().filter(s -> s.name().startsWith(PREFIX)).count();
    }

    private static long poolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("rcrt-localbus-worker-")).count();
    }

    /** Threads of one sink instance's own: none, unless a call overran its budget. */
    private static long sinkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("rcrt-localbus-" + PREFIX)).count();
    }

    private WeakSinkApp() {}
}
