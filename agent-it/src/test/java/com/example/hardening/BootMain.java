package com.example.hardening;

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
        MemoryClient client = new MemoryClient();
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(client.createBreadcrumb(Bodies.simple("boot " + i)));
        }
        App.await(() -> received.containsAll(ids), 10_000);
        App.print("MAIN_LOADER", BootMain.class.getClassLoader().getClass().getName());
        App.print("BUS_LOADER", String.valueOf(LocalEventBus.class.getClassLoader() == null ? "bootstrap"
                : LocalEventBus.class.getClassLoader().getClass().getName()));
        App.print("SHARED", LocalEventBus.isShared());
        App.print("CREATED", ids.size());
        App.print("RECEIVED", received.size());
        App.print("ALL_RECEIVED", received.containsAll(ids));
        App.print("DONE", true);
    }
}
