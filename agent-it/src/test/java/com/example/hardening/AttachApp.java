package com.example.hardening;

import com.example.support.ChildApp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Started without the agent: loads and uses its client, prints its pid, waits for a line on stdin (the test attaches
 * the agent meanwhile), then subscribes — the first touch of the bus — and creates breadcrumbs. Args: N.
 */
public final class AttachApp {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        MemoryClient client = new MemoryClient();
        client.createBreadcrumb(Bodies.simple("before attach")); // the class is loaded and its method has run
        ChildApp.print("PID", ProcessHandle.current().pid());
        ChildApp.print("READY", true);
        String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
        ChildApp.print("GOT", line);
        AttachedSide.run(client, n);
        ChildApp.print("DONE", true);
    }

    /** Kept in its own class so that the bus classes are loaded only now, after the attach. */
    static final class AttachedSide {
        static void run(MemoryClient client, int n) {
            List<String> received = new CopyOnWriteArrayList<>();
            org.rcrt.localbus.LocalEventBus.subscribe(org.rcrt.localbus.Selector.all(), e -> received.add(e.breadcrumbId()));
            ChildApp.print("SHARED", org.rcrt.localbus.LocalEventBus.isShared());
            List<String> ids = new CopyOnWriteArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(client.createBreadcrumb(Bodies.simple("after attach " + i)));
            }
            ChildApp.await(() -> received.containsAll(ids), 10_000);
            ChildApp.print("CREATED", ids.size());
            ChildApp.print("RECEIVED", received.size());
            ChildApp.print("ALL_RECEIVED", received.containsAll(ids));
        }
    }
}
