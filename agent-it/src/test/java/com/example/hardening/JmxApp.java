package com.example.hardening;

import com.example.support.ChildApp;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;

/**
 * Known work — N creates, one fine, one throwing and one blocked subscription (queue of 2) — then the MBean's
 * figures, read through the platform MBean server. Args: N.
 */
public final class JmxApp {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        AtomicLong ok = new AtomicLong();
        CountDownLatch never = new CountDownLatch(1);
        LocalEventBus.subscribe(Selector.all(), e -> ok.incrementAndGet(), SubscribeOptions.defaults().withName("ok"));
        LocalEventBus.subscribe(Selector.all(), e -> {
            throw new IllegalStateException("on purpose");
        }, SubscribeOptions.defaults().withName("thrower"));
        AtomicLong blockedEntered = new AtomicLong();
        LocalEventBus.subscribe(Selector.all(), e -> {
            blockedEntered.incrementAndGet();
            try {
                never.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }, SubscribeOptions.defaults().withName("blocked").withQueueCapacity(2));
        MemoryClient client = new MemoryClient();
        for (int i = 0; i < n; i++) {
            client.createBreadcrumb(Bodies.simple("jmx " + i));
            long want = i + 1;
            ChildApp.await(() -> LocalEventBus.stats().published() >= want, 10_000);
            if (i == 0) {
                ChildApp.await(() -> blockedEntered.get() == 1, 10_000); // the blocked listener holds event 0 from now on
            }
        }
        ChildApp.await(() -> ok.get() == n && App.sub("thrower").listenerErrors() == n, 20_000);
        ChildApp.await(() -> App.sub("blocked").queueDepth() == 2, 10_000);

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("org.rcrt.localbus:type=LocalEventBus");
        long t0 = System.nanoTime();
        boolean registered = ChildApp.await(() -> server.isRegistered(name), 10_000);
        ChildApp.print("MBEAN_REGISTERED", registered);
        ChildApp.print("MBEAN_WAIT_MS", (System.nanoTime() - t0) / 1_000_000);
        ChildApp.print("OK_DELIVERED", ok.get());
        if (registered) {
            ChildApp.print("MBEAN_Published", server.getAttribute(name, "Published"));
            ChildApp.print("MBEAN_Delivered", server.getAttribute(name, "Delivered"));
            ChildApp.print("MBEAN_Dropped", server.getAttribute(name, "Dropped"));
            ChildApp.print("MBEAN_ListenerErrors", server.getAttribute(name, "ListenerErrors"));
            ChildApp.print("MBEAN_QueuedEvents", server.getAttribute(name, "QueuedEvents"));
            Object counters = server.getAttribute(name, "Counters");
            Map<String, Object> c = new TreeMap<>();
            if (counters instanceof TabularData table) {
                for (Object row : table.values()) {
                    CompositeData cd = (CompositeData) row;
                    c.put((String) cd.get("key"), cd.get("value"));
                }
            }
            ChildApp.print("MBEAN_COUNTERS_TYPE", counters == null ? "null" : counters.getClass().getName());
            c.forEach((k, v) -> ChildApp.print("MBEAN_COUNTER_" + k, v));
            Object subs = server.getAttribute(name, "Subscriptions");
            ChildApp.print("MBEAN_SUBSCRIPTIONS", subs instanceof String[] a ? a.length : -1);
        }
        BusStats stats = LocalEventBus.stats();
        ChildApp.print("STATS_Published", stats.published());
        ChildApp.print("STATS_Delivered", stats.delivered());
        ChildApp.print("STATS_Dropped", stats.dropped());
        ChildApp.print("STATS_ListenerErrors", stats.listenerErrors());
        ChildApp.print("BLOCKED_DROPPED", App.sub("blocked").dropped());
        ChildApp.print("DONE", true);
    }
}
