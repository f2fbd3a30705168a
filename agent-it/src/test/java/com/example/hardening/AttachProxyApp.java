package com.example.hardening;

import com.example.support.ChildApp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;

/**
 * Started without the agent: makes and uses a JDK proxy of a JAX-RS client interface (its class is defined then),
 * waits for a line on stdin (the test attaches the agent meanwhile), then subscribes and makes N creates, one update
 * and one read through the same proxy. Prints CREATED, RECEIVED, ALL_RECEIVED, UPDATED, EVENTS. Args: N.
 */
public final class AttachProxyApp {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        RoutedApi api = (RoutedApi) Proxy.newProxyInstance(RoutedApi.class.getClassLoader(),
                new Class<?>[] {RoutedApi.class}, (proxy, method, a) -> switch (method.getName()) {
                    case "add" -> UUID.randomUUID().toString(); // what the server would answer
                    case "change" -> "{\"ok\":true}";
                    case "fetch" -> "{}";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        api.add(Bodies.simple("before attach"));
        ChildApp.print("PID", ProcessHandle.current().pid());
        ChildApp.print("READY", true);
        ChildApp.print("GOT", new BufferedReader(new InputStreamReader(System.in)).readLine());
        List<String> received = new CopyOnWriteArrayList<>();
        // RCRT's events of a create and of an update are both typed breadcrumb.updated: the update's is the one
        // whose record carries the patched title.
        List<String> updates = new CopyOnWriteArrayList<>();
        LocalEventBus.subscribe(Selector.all(), e -> {
            received.add(e.breadcrumbId());
            if ("changed".equals(e.breadcrumb().get("title"))) {
                updates.add(e.breadcrumbId());
            }
        });
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(api.add(Bodies.simple("after attach " + i)));
        }
        ChildApp.await(() -> received.containsAll(ids), 10_000);
        api.fetch(ids.get(0));
        api.change(ids.get(0), Map.of("title", "changed"));
        // One subscription's events arrive in order: once the update's is in, an event of the read would be too.
        ChildApp.await(() -> !updates.isEmpty(), 10_000);
        ChildApp.print("CREATED", ids.size());
        ChildApp.print("ALL_RECEIVED", received.containsAll(ids));
        ChildApp.print("UPDATED", updates.equals(List.of(ids.get(0))));
        ChildApp.print("EVENTS", received.size());
        ChildApp.print("DONE", true);
    }
}
