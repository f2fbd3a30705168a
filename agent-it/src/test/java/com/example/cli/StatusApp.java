package com.example.cli;

import com.example.hardening.MemoryClient;
import com.example.support.ChildApp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;

/**
 * Known work — N creates and M updates through a client, one counting and one throwing subscription — then its
 * own figures as {@code KEY=value} lines, then it waits for a line on stdin, so that {@code status} can look at it.
 * Args: N M.
 */
public final class StatusApp {
    public static void main(String[] args) throws Exception {
        int creates = Integer.parseInt(args[0]);
        int updates = Integer.parseInt(args[1]);
        AtomicLong ok = new AtomicLong();
        LocalEventBus.subscribe(Selector.all(), e -> ok.incrementAndGet(), SubscribeOptions.defaults().withName("counting"));
        LocalEventBus.subscribe(Selector.all(), e -> {
            throw new IllegalStateException("on purpose");
        }, SubscribeOptions.defaults().withName("throwing"));
        MemoryClient client = new MemoryClient();
        for (int i = 0; i < creates; i++) {
            String id = client.createBreadcrumb(Map.of("title", "status " + i, "context", Map.of("i", i),
                    "tags", java.util.List.of("cli")));
            if (i < updates) {
                client.updateBreadcrumb(id, 1, Map.of("title", "updated " + i));
            }
        }
        int events = creates + updates;
        boolean done = ChildApp.await(() -> ok.get() == events
                && ChildApp.subscription("throwing").listenerErrors() == events, 20_000);
        BusStats stats = LocalEventBus.stats();
        ChildApp.print("WORK_DONE", done);
        ChildApp.print("STATS_Published", stats.published());
        ChildApp.print("STATS_Delivered", stats.delivered());
        ChildApp.print("STATS_ListenerErrors", stats.listenerErrors());
        ChildApp.print("INTERCEPTED", ChildApp.counter("agent.intercepted"));
        ChildApp.print("READY", true);
        new BufferedReader(new InputStreamReader(System.in)).readLine();
    }
}
