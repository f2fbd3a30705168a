package com.example.truth;

import com.example.sinks.Jwt;
import com.example.support.ChildApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;

/**
 * Ordinary client code the landed agent got wrong, one case after another, each printing what the local lane
 * delivered as {@code KEY=value} lines: a reused body, updates (known record, unknown version, a timeout argument,
 * an overload chain), a two-tenant router, a proxied client, an async wrapper, and a method that merely shares
 * the name. Run with and without {@code dispatch=sync}.
 */
public final class TruthShapesApp {
    static final String OWNER_A = "aaaaaaaa-0000-0000-0000-00000000000a";
    static final String OWNER_B = "bbbbbbbb-0000-0000-0000-00000000000b";
    private static final ConcurrentLinkedQueue<BreadcrumbEvent> EVENTS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<BreadcrumbEvent> OWNER_A_EVENTS = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        LocalEventBus.subscribe(Selector.all(), EVENTS::add, SubscribeOptions.defaults().withName("all"));
        LocalEventBus.subscribe(Selector.builder().ownerId(OWNER_A).build(), OWNER_A_EVENTS::add,
                SubscribeOptions.defaults().withName("owner-a"));
        Clients.TokenClient a = new Clients.TokenClient(Jwt.token(OWNER_A, UUID.randomUUID().toString()));
        Clients.TokenClient b = new Clients.TokenClient(Jwt.token(OWNER_B, UUID.randomUUID().toString()));

        reusedBody(a);
        updates(a);
        router(a, b);
        proxied(a);
        asyncWrapper(a);
        notRcrt();
        ChildApp.print("TRUTH_DONE", true);
    }

    /** One template map mutated between 2,000 creates: each event must carry its own call's context. */
    private static void reusedBody(Clients.TokenClient client) {
        int n = 2000;
        Map<String, Object> context = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "reused");
        body.put("tags", List.of("reuse"));
        body.put("schema_name", "reuse.v1");
        body.put("context", context);
        Map<String, Integer> seqById = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < n; i++) {
            context.put("seq", i); // the same map, mutated again right after the call returns
            String id = (String) client.createBreadcrumb(body).get("id");
            seqById.put(id, i);
        }
        context.put("seq", -1);
        ChildApp.await(() -> count("reuse.v1") >= n, 30_000);
        long wrong = EVENTS.stream().filter(e -> "reuse.v1".equals(e.schemaName()))
                .filter(e -> !Integer.valueOf(((Number) e.context().get("seq")).intValue()).equals(seqById.get(e.breadcrumbId())))
                .count();
        ChildApp.print("REUSED_EVENTS", count("reuse.v1"));
        ChildApp.print("REUSED_WRONG", wrong);
    }

    private static void updates(Clients.TokenClient client) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "task");
        body.put("tags", List.of("tasks", "t1"));
        body.put("schema_name", "task.v1");
        body.put("context", Map.of("status", "new", "owner", "me"));
        String id = (String) client.createBreadcrumb(body).get("id");

        client.updateBreadcrumb(id, Map.of("title", "renamed"), 1L); // If-Match 1 on a record created here: exact v2
        BreadcrumbEvent known = awaitEvent(id, 2);
        ChildApp.print("KNOWN_COMPLETE", known.isComplete());
        ChildApp.print("KNOWN_SCHEMA", known.schemaName());
        ChildApp.print("KNOWN_TAGS", known.tags());
        ChildApp.print("KNOWN_CONTEXT_STATUS", known.context().get("status"));

        int beforeTimeout = countFor(id);
        client.updateBreadcrumb(id, Map.of("context", Map.of("status", "claimed")), 5000); // a timeout, not a version
        BreadcrumbEvent timeout = awaitNext(id, beforeTimeout);
        ChildApp.print("TIMEOUT_VERSION", timeout.version());
        ChildApp.print("TIMEOUT_COMPLETE", timeout.isComplete());

        int before = countFor(id);
        client.updateBreadcrumb(id, Map.of("title", "chained")); // overload delegating with a null version
        ChildApp.await(() -> countFor(id) > before, 10_000);
        ChildApp.sleep(200); // a second event, if there were one, would be here by now
        ChildApp.print("CHAIN_EVENTS", countFor(id) - before);
        ChildApp.print("SERVER_VERSION_BEFORE_PROVEN", MemoryRcrt.SERVER.version(id));
        // the version chain shows nobody else changed it: If-Match 4 is proven, the merged record exact again
        client.updateBreadcrumb(id, Map.of("tags", List.of("done")), 4L);
        BreadcrumbEvent proven = awaitEvent(id, 5);
        ChildApp.print("PROVEN_COMPLETE", proven.isComplete());
        ChildApp.print("PROVEN_TITLE", proven.breadcrumb().get("title"));
        ChildApp.print("PROVEN_CONTEXT_STATUS", proven.context().get("status"));

        String elsewhere = UUID.randomUUID().toString(); // created by another process: unknown here
        client.updateBreadcrumb(elsewhere, Map.of("title", "x"), 3L);
        BreadcrumbEvent unknown = awaitEvent(elsewhere, 4);
        ChildApp.print("UNKNOWN_COMPLETE", unknown.isComplete());
        ChildApp.print("UNKNOWN_SCHEMA", unknown.schemaName());
    }

    private static void router(Clients.TokenClient a, Clients.TokenClient b) {
        Clients.TenantRouter router = new Clients.TenantRouter(a, b);
        String id = (String) router.createBreadcrumb(body("b", "routed.v1")).get("id");
        BreadcrumbEvent e = awaitNext(id, 0);
        ChildApp.sleep(200);
        ChildApp.print("ROUTED_EVENTS", countFor(id));
        ChildApp.print("ROUTED_OWNER", e.ownerId());
        ChildApp.print("ROUTED_TO_OWNER_A", OWNER_A_EVENTS.stream().anyMatch(x -> x.breadcrumbId().equals(id)));
    }

    private static void proxied(Clients.TokenClient a) {
        Clients.ProxiedClient proxy = new Clients.ProxiedClient(a);
        String id = (String) proxy.createBreadcrumb(body("proxied", "proxied.v1")).get("id");
        BreadcrumbEvent e = awaitNext(id, 0);
        ChildApp.sleep(200);
        ChildApp.print("PROXIED_EVENTS", countFor(id));
        ChildApp.print("PROXIED_OWNER", e.ownerId());
    }

    private static void asyncWrapper(Clients.TokenClient a) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Clients.AsyncWrapper wrapper = new Clients.AsyncWrapper(a, pool);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add((String) wrapper.createBreadcrumb(body("async " + i, "async.v1")).get("id"));
        }
        ChildApp.await(() -> count("async.v1") >= 20, 10_000);
        ChildApp.sleep(300);
        ChildApp.print("ASYNC_EVENTS", count("async.v1"));
        ChildApp.print("ASYNC_IDS_MATCH", ids.stream().allMatch(id -> countFor(id) == 1));

        Clients.AsyncFallbackWrapper fallback = new Clients.AsyncFallbackWrapper(new Clients.RefusedClient("refused"), pool);
        for (int i = 0; i < 5; i++) {
            fallback.createBreadcrumb(body("refused " + i, "refused.v1"));
        }
        ChildApp.sleep(300);
        ChildApp.print("FALLBACK_EVENTS", count("refused.v1") + countFor("fallback-not-created"));
        pool.shutdown();
    }

    private static void notRcrt() {
        Clients.NavigationTrail trail = new Clients.NavigationTrail();
        long before = EVENTS.size();
        for (int i = 0; i < 10; i++) {
            trail.createBreadcrumb("/settings/" + i);
        }
        ChildApp.sleep(300);
        ChildApp.print("NAVIGATION_EVENTS", EVENTS.size() - before);
        ChildApp.print("NOT_CONVERTED", ChildApp.counter("agent.notConverted"));
    }

    private static Map<String, Object> body(String title, String schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("tags", List.of("t"));
        body.put("schema_name", schema);
        body.put("context", Map.of("k", "v"));
        return body;
    }

    private static long count(String schema) {
        return EVENTS.stream().filter(e -> schema.equals(e.schemaName())).count();
    }

    private static int countFor(String id) {
        return (int) EVENTS.stream().filter(e -> e.breadcrumbId().equals(id)).count();
    }

    private static BreadcrumbEvent awaitEvent(String id, long version) {
        ChildApp.await(() -> EVENTS.stream().anyMatch(e -> e.breadcrumbId().equals(id) && e.version() == version), 10_000);
        return EVENTS.stream().filter(e -> e.breadcrumbId().equals(id) && e.version() == version).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + id + " v" + version));
    }

    /** The first event for {@code id} after the {@code before} ones already received. */
    private static BreadcrumbEvent awaitNext(String id, int before) {
        ChildApp.await(() -> countFor(id) > before, 10_000);
        int seen = 0;
        for (BreadcrumbEvent e : EVENTS) {
            if (e.breadcrumbId().equals(id) && seen++ == before) {
                return e;
            }
        }
        throw new AssertionError("no new event for " + id + " after " + before);
    }
}
