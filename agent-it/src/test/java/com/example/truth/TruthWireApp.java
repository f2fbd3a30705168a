package com.example.truth;

import com.example.support.ChildApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;
import org.rcrt.localbus.internal.Json;

/**
 * Both lanes side by side against a real RCRT-compatible server: every local event is compared with its SSE copy,
 * field by field (all but {@code updated_at}, the server's clock); an update this process can't know exactly is
 * marked incomplete, and a deduplicating subscriber still gets its SSE copy. Args: base URL.
 */
public final class TruthWireApp {
    private static final Map<String, BreadcrumbEvent> LOCAL = new ConcurrentHashMap<>();
    private static final Map<String, BreadcrumbEvent> SSE = new ConcurrentHashMap<>();
    private static final ConcurrentLinkedQueue<String> DEDUPED = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = WireClient.requestToken(base, UUID.randomUUID());
        WireClient client = new WireClient(base, token);
        // the bus also carries the SSE copies this app feeds into it; the agent's own events name their client
        LocalEventBus.subscribe(Selector.all(), e -> {
            if (e.origin().client() != null) {
                LOCAL.put(key(e), e);
            }
        }, SubscribeOptions.defaults().withName("local"));
        LocalEventBus.subscribe(Selector.all(), e -> DEDUPED.add(key(e) + (e.isComplete() ? "" : " incomplete")),
                SubscribeOptions.defaults().withName("deduped").withDedupe(true));
        Thread reader = new Thread(() -> readSse(client), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        ChildApp.sleep(300); // the stream is open before the first create

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "wire");
        body.put("context", Map.of("request_id", "w-1", "nested", Map.of("n", 1)));
        body.put("tags", List.of("wire", "truth"));
        body.put("schema_name", "wire.v1");
        String id = (String) client.createBreadcrumb(body).get("id");
        client.updateBreadcrumb(id, Map.of("title", "renamed", "context", Map.of("status", "claimed")), 1);
        client.updateBreadcrumb(id, Map.of("tags", List.of("done")), null);

        String foreign = (String) rawCreate(base, token, body).get("id"); // created without the agent seeing it
        client.updateBreadcrumb(foreign, Map.of("title", "seen here only as a patch"), 1);

        List<String> keys = List.of(id + "@1", id + "@2", id + "@0", foreign + "@2");
        ChildApp.await(() -> LOCAL.keySet().containsAll(keys), 10_000);
        ChildApp.await(() -> SSE.keySet().containsAll(List.of(id + "@1", id + "@2", id + "@3", foreign + "@1", foreign + "@2")), 10_000);
        ChildApp.await(() -> DEDUPED.size() >= 7, 5_000);
        ChildApp.sleep(300);
        compare("CREATE", LOCAL.get(id + "@1"), SSE.get(id + "@1"));
        compare("KNOWN_UPDATE", LOCAL.get(id + "@2"), SSE.get(id + "@2"));
        BreadcrumbEvent unversioned = LOCAL.get(id + "@0");
        ChildApp.print("UNVERSIONED_COMPLETE", unversioned.isComplete());
        ChildApp.print("UNVERSIONED_TAGS", unversioned.tags());
        BreadcrumbEvent foreignLocal = LOCAL.get(foreign + "@2");
        ChildApp.print("FOREIGN_COMPLETE", foreignLocal.isComplete());
        ChildApp.print("FOREIGN_SSE_SCHEMA", SSE.get(foreign + "@2").schemaName());
        ChildApp.print("DEDUPED", List.copyOf(DEDUPED));
        ChildApp.print("WIRE_DONE", true);
    }

    private static String key(BreadcrumbEvent e) {
        return e.breadcrumbId() + "@" + e.version();
    }

    private static void compare(String what, BreadcrumbEvent local, BreadcrumbEvent sse) {
        Map<String, Object> l = new LinkedHashMap<>(local.payload());
        Map<String, Object> s = new LinkedHashMap<>(sse.payload());
        l.remove("updated_at");
        s.remove("updated_at");
        ChildApp.print(what + "_LOCAL", Json.write(l));
        ChildApp.print(what + "_SSE", Json.write(s));
        ChildApp.print(what + "_COMPLETE", local.isComplete());
    }

    /** The SSE lane, as the application's reader does it: each copy is also fed into the bus, deduplicated. */
    private static void readSse(WireClient client) {
        try {
            client.eventStream().forEach(line -> {
                if (line.startsWith("data:")) {
                    Map<?, ?> m = (Map<?, ?>) Json.parse(line.substring(5).trim());
                    if (m.get("breadcrumb_id") != null) {
                        BreadcrumbEvent e = BreadcrumbEvent.fromJson(line.substring(5).trim());
                        SSE.put(key(e), e);
                        LocalEventBus.publish(e);
                    }
                }
            });
        } catch (Exception e) {
            ChildApp.print("SSE_FAILED", e.getClass().getName());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rawCreate(String base, String token, Map<String, Object> body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/breadcrumbs"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
        return (Map<String, Object>) Json.parse(r.body());
    }
}
