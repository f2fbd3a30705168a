package com.example.hardening;

import com.example.support.ChildApp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;

/** N creates, each on its own virtual thread (JDK 21+, reached reflectively so this compiles for 17). Args: N. */
public final class VirtualThreadsApp {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Set<String> received = ConcurrentHashMap.newKeySet();
        Set<String> created = ConcurrentHashMap.newKeySet();
        LocalEventBus.subscribe(Selector.all(), e -> received.add(e.breadcrumbId()), SubscribeOptions.defaults().withName("vt"));
        MemoryClient client = new MemoryClient();
        ExecutorService executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        Set<Boolean> virtual = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < n; i++) {
            int k = i;
            executor.submit(() -> {
                virtual.add((Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
                created.add(client.createBreadcrumb(Bodies.simple("virtual " + k)));
                return null;
            });
        }
        executor.shutdown();
        ChildApp.print("TERMINATED", executor.awaitTermination(60, TimeUnit.SECONDS));
        ChildApp.print("ALL_VIRTUAL", virtual.equals(Set.of(true)));
        ChildApp.await(() -> received.size() >= created.size(), 30_000);
        ChildApp.sleep(200);
        ChildApp.print("CREATED", created.size());
        ChildApp.print("RECEIVED", received.size());
        ChildApp.print("SAME_IDS", received.equals(created));
        ChildApp.print("PUBLISHED", LocalEventBus.stats().published());
        ChildApp.print("DONE", true);
    }
}
