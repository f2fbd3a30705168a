package com.example.hardening;

import com.example.support.ChildApp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.Subscription;

/**
 * Started without the agent, with the api jar on its class path: subscribes and uses its bus (a bus of its own, as
 * no agent is there), prints its pid, waits for a line on stdin (the test attaches the agent meanwhile), then
 * creates breadcrumbs through its client. Its subscription, made before the attach, should get their events.
 * Args: N.
 */
public final class ApiFirstAttachApp {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        MemoryClient client = new MemoryClient();
        List<String> received = new CopyOnWriteArrayList<>();
        Subscription early = LocalEventBus.subscribe(Selector.all(), e -> received.add(e.breadcrumbId()));
        List<String> closedEarly = new CopyOnWriteArrayList<>();
        Subscription closed = LocalEventBus.subscribe(Selector.all(), e -> closedEarly.add(e.breadcrumbId()));
        LocalEventBus.publish(BreadcrumbEvent.fromJson("{\"type\":\"breadcrumb.updated\",\"breadcrumb_id\":\"by-hand\",\"version\":1}"));
        ChildApp.print("OWN_BUS_WORKS", ChildApp.await(() -> received.contains("by-hand"), 10_000));
        closed.close();
        ChildApp.print("SHARED_BEFORE", LocalEventBus.isShared());
        ChildApp.print("PID", ProcessHandle.current().pid());
        ChildApp.print("READY", true);
        ChildApp.print("GOT", new BufferedReader(new InputStreamReader(System.in)).readLine());

        ChildApp.print("SHARED_AFTER", LocalEventBus.isShared());
        ChildApp.print("EARLY_ACTIVE", early.isActive());
        List<String> late = new CopyOnWriteArrayList<>();
        LocalEventBus.subscribe(Selector.all(), e -> late.add(e.breadcrumbId()));
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(client.createBreadcrumb(Bodies.simple("after attach " + i)));
        }
        ChildApp.await(() -> received.containsAll(ids) && late.containsAll(ids), 10_000);
        ChildApp.print("CREATED", ids.size());
        ChildApp.print("EARLY_RECEIVED", received.stream().filter(ids::contains).count());
        ChildApp.print("LATE_RECEIVED", late.stream().filter(ids::contains).count());
        ChildApp.print("CLOSED_RECEIVED", closedEarly.stream().filter(ids::contains).count());
        early.close();
        ChildApp.print("EARLY_ACTIVE_AFTER_CLOSE", early.isActive());
        String afterClose = client.createBreadcrumb(Bodies.simple("after close"));
        ChildApp.await(() -> late.contains(afterClose), 10_000);
        ChildApp.print("EARLY_GOT_AFTER_CLOSE", received.contains(afterClose));
        ChildApp.print("DONE", true);
    }
}
