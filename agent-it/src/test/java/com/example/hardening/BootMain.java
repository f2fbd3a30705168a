package com.example.hardening;

import com.example.support.ChildApp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;

/** The Start-Class of the Spring Boot fat jar the class-loader test builds. Args: N. */
public final class BootMain {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        List<String> received = new CopyOnWriteArrayList<>();
        LocalEventBus.subscribe(Selector.all(), e -> received.add(e.breadcrumbId()));
        BootSink sink = new BootSink(); // a sink when the test names it, an idle object otherwise
        MemoryClient client = new MemoryClient();
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(client.createBreadcrumb(Bodies.simple("boot " + i)));
        }
        ChildApp.await(() -> received.containsAll(ids), 10_000);
        ChildApp.await(() -> BootSink.CALLS.get() >= n, 2_000);
        ChildApp.print("SINK_CALLS", sink == null ? -1 : BootSink.CALLS.get());
        ChildApp.print("MAIN_LOADER", BootMain.class.getClassLoader().getClass().getName());
        ChildApp.print("BUS_LOADER", String.valueOf(LocalEventBus.class.getClassLoader() == null ? "bootstrap"
                : LocalEventBus.class.getClassLoader().getClass().getName()));
        ChildApp.print("SHARED", LocalEventBus.isShared());
        ChildApp.print("CREATED", ids.size());
        ChildApp.print("RECEIVED", received.size());
        ChildApp.print("ALL_RECEIVED", received.containsAll(ids));
        ChildApp.print("DONE", true);
    }
}
