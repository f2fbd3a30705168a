package com.example.hardening;

import com.example.support.ChildApp;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;

/** What most hardening apps check: the events of their own creates reach a subscriber of the bus. */
final class RoundTrip {
    private RoundTrip() {}

    /**
     * Subscribes to everything, creates N breadcrumbs through the client, waits (10 s at most) for their events and
     * prints SHARED, CREATED, RECEIVED and ALL_RECEIVED.
     */
    static void run(MemoryClient client, int n, String title) {
        List<String> received = new CopyOnWriteArrayList<>();
        LocalEventBus.subscribe(Selector.all(), e -> received.add(e.breadcrumbId()));
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(client.createBreadcrumb(Bodies.simple(title + " " + i)));
        }
        ChildApp.await(() -> received.containsAll(ids), 10_000);
        ChildApp.print("SHARED", LocalEventBus.isShared());
        ChildApp.print("CREATED", ids.size());
        ChildApp.print("RECEIVED", received.size());
        ChildApp.print("ALL_RECEIVED", received.containsAll(ids));
    }
}
