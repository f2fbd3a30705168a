package com.example.hardening;

import com.example.support.ChildApp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.LocalEventBus;

/**
 * Run with {@code -Drcrt.localbus.sink=com.example.hardening.Bridge#handleEvent -Drcrt.localbus.queue.capacity=1}.
 * The bridge blocks on its first local event, so later local deliveries are dropped; then this "SSE reader" hands
 * the bridge the SSE copy of every event. Each breadcrumb must run the bridge's body exactly once in total.
 * Args: K (number of breadcrumbs).
 */
public final class SinkDropApp {
    public static void main(String[] args) throws Exception {
        int k = Integer.parseInt(args[0]);
        Bridge bridge = new Bridge();
        MemoryClient client = new MemoryClient();
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Map<String, Object> body = Bodies.simple("sink " + i);
            bodies.add(body);
            ids.add(client.createBreadcrumb(body));
            if (i == 0) {
                ChildApp.print("FIRST_BLOCKED", Bridge.FIRST_ENTERED.await(20, TimeUnit.SECONDS));
            }
        }
        ChildApp.print("DROPPED_WHILE_BLOCKED", LocalEventBus.stats().dropped());
        Bridge.releaseFirst();
        // let the local lane finish what it has queued
        ChildApp.await(() -> LocalEventBus.stats().subscriptions().stream().allMatch(s -> s.queueDepth() == 0)
                && LocalEventBus.stats().delivered() + LocalEventBus.stats().listenerErrors() >= 2, 20_000);
        ChildApp.sleep(200);
        ChildApp.print("LOCAL_DELIVERED", LocalEventBus.stats().delivered());

        // The SSE reader: one breadcrumb.updated per create, version 1, as the server sends it.
        for (int i = 0; i < k; i++) {
            Map<String, Object> body = bodies.get(i);
            BreadcrumbEvent sse = BreadcrumbEvent.builder()
                    .breadcrumbId(ids.get(i))
                    .ownerId("00000000-0000-0000-0000-000000000001")
                    .version(1)
                    .schemaName((String) body.get("schema_name"))
                    .tags(castList(body.get("tags")))
                    .context(castMap(body.get("context")))
                    .build();
            Map<String, Object> full = new LinkedHashMap<>(body);
            full.put("id", ids.get(i));
            full.put("version", 1);
            bridge.handleEvent(sse.toJson(), full);
        }
        for (int i = 0; i < k; i++) {
            List<String> runs = bridge.runs.getOrDefault(ids.get(i), List.of());
            ChildApp.print("RUNS " + i, runs.size() + " " + String.join(",", runs));
        }
        ChildApp.print("SSE_COPIES_SKIPPED", ChildApp.counter("sink.sseCopiesSkipped"));
        ChildApp.print("SINK_INSTANCES", ChildApp.counter("sink.instances"));
        ChildApp.print("DONE", true);
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
