package com.example.hardening;

import com.example.support.ChildApp;

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
        ChildApp.print("RETURNED", returned);
        ChildApp.await(() -> events.get() >= count, 10_000);
        ChildApp.sleep(300); // a duplicate event would show up here
        ChildApp.print("EVENTS", events.get());
        ChildApp.print("DELIVERED_ON_CALLER_THREAD", threads.contains(caller));
        ChildApp.print("DELIVERY_THREADS", threads);
        ChildApp.print("SHARED", LocalEventBus.isShared());
        ChildApp.print("PUBLISHED", LocalEventBus.stats().published());
        ObjectName name = new ObjectName("org.rcrt.localbus:type=LocalEventBus");
        ChildApp.print("MBEAN", ChildApp.await(() -> ManagementFactory.getPlatformMBeanServer().isRegistered(name), 10_000));
        if (sink != null) {
            ChildApp.sleep(300);
            ChildApp.print("INT_SINK_CALLS", IntSink.CALLS.get());
            ChildApp.print("SINK_INSTANCES", ChildApp.counter("sink.instances"));
        }
        ChildApp.print("DONE", true);
    }
}
