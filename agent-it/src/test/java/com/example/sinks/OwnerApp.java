package com.example.sinks;

import com.example.support.ChildApp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.rcrt.localbus.LocalEventBus;

/**
 * Run with {@code -Drcrt.localbus.sink=com.example.sinks.TenantSink#handleEvent} and, per test, a sink owner and/or
 * selector. Two clients with tokens of owners A and B and one without a token create breadcrumbs of schemas x.v1 and
 * y.v1 in one process; a last "marker" (owner A, x.v1, which every configuration matches) ends the run, since the
 * local lane delivers in order. Prints what the sink saw, as {@code <owner label>:<schema>:<round|marker>}.
 */
public final class OwnerApp {
    public static final String OWNER_A = "aaaaaaaa-0000-0000-0000-00000000000a";
    public static final String OWNER_B = "bbbbbbbb-0000-0000-0000-00000000000b";

    public static void main(String[] args) {
        TenantSink sink = new TenantSink();
        TenantClient a = new TenantClient(Jwt.token(OWNER_A, "agent-a"));
        TenantClient b = new TenantClient(Jwt.token(OWNER_B, "agent-b"));
        TenantClient anonymous = new TenantClient(null);
        int rounds = 5;
        int created = 0;
        for (int i = 0; i < rounds; i++) {
            for (String schema : List.of("x.v1", "y.v1")) {
                a.createBreadcrumb(Child.body(schema, "a" + i, Map.of("i", i), List.of("tools")));
                b.createBreadcrumb(Child.body(schema, "b" + i, Map.of("i", i), List.of("tools")));
                anonymous.createBreadcrumb(Child.body(schema, "n" + i, Map.of("i", i), List.of("tools")));
                created += 3;
            }
        }
        a.createBreadcrumb(Child.body("x.v1", "marker", Map.of("marker", true), List.of("tools")));
        int total = created + 1;
        Child.require("all published", () -> LocalEventBus.stats().published() >= total, 30_000);
        Child.require("the marker arrived", () -> sink.events.stream().anyMatch(e -> "marker".equals(title(e))), 30_000);
        String sub = Child.sinkName(TenantSink.class, "handleEvent", sink);
        Child.require("the sink's queue is empty", () -> Child.sub(sub).queueDepth() == 0, 30_000);

        Map<String, Integer> counts = new LinkedHashMap<>();
        StringJoiner seen = new StringJoiner(" ");
        for (Map<String, Object> e : sink.events) {
            Object owner = e.get("owner_id");
            String who = OWNER_A.equals(owner) ? "A" : OWNER_B.equals(owner) ? "B" : owner == null ? "none" : "?" + owner;
            String key = who + ":" + e.get("schema_name");
            counts.merge(key, 1, Integer::sum);
            seen.add(key + ":" + title(e));
        }
        ChildApp.print("PUBLISHED", LocalEventBus.stats().published());
        ChildApp.print("SEEN", sink.events.size());
        ChildApp.print("SEEN_BY_OWNER_AND_SCHEMA", counts);
        ChildApp.print("SEEN_IN_ORDER", seen);
        ChildApp.print("SELECTOR", Child.sub(sub).selector());
        ChildApp.print("DONE", true);
    }

    /** The payload has no title: the context tells the breadcrumbs apart (its round, or the marker). */
    private static String title(Map<String, Object> event) {
        Object context = event.get("context");
        if (!(context instanceof Map<?, ?> m)) {
            return "?";
        }
        return m.containsKey("marker") ? "marker" : String.valueOf(m.get("i"));
    }

    private OwnerApp() {}
}
