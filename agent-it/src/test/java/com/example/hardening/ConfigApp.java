package com.example.hardening;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;

/**
 * Creates a few breadcrumbs and reports what reached a subscriber and on which thread; run under bad configurations.
 * Args: count [intSink].
 */
public final class ConfigApp {
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        boolean intSink = args.length > 1 && args[1].equals("intSink");
        IntSink sink = intSink ? new IntSink() : null;
        AtomicLong events = new AtomicLong();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        String caller = Thread.currentThread().getName();
        LocalEventBus.subscribe(Selector.all(), e -> {
            threads.add(Thread.currentThread().getName());
            events.incrementAndGet();
        }, SubscribeOptions.defaults().withName("config-check"));
        MemoryClient client = new MemoryClient();
        long returned = 0;
        for (int i = 0; i < count; i++) {
            if (client.createBreadcrumb(Bodies.simple("config " + i)) != null) {
                returned++;
            }
        }
        App.print("RETURNED", returned);
        App.await(() -> events.get() >= count, 10_000);
        App.sleep(300); // a duplicate event would show up here
        App.print("EVENTS", events.get());
        App.print("DELIVERED_ON_CALLER_THREAD", threads.contains(caller));
        App.print("DELIVERY_THREADS", threads);
        App.print("SHARED", LocalEventBus.isShared());
        App.print("PUBLISHED", LocalEventBus.stats().published());
        ObjectName name = new ObjectName("org.rcrt.localbus:type=LocalEventBus");
        App.print("MBEAN", App.await(() -> ManagementFactory.getPlatformMBeanServer().isRegistered(name), 10_000));
        if (sink != null) {
            App.sleep(300);
            App.print("INT_SINK_CALLS", IntSink.CALLS.get());
            App.print("SINK_INSTANCES", App.counter("sink.instances"));
        }
        App.print("DONE", true);
    }
}
