package com.example.hardening;

import com.example.support.ChildApp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;

/**
 * Puts a secret into breadcrumbs and drives every WARN path with it; never prints it itself. Args: secret [sink].
 */
public final class SecurityApp {
    /** A card number in a malformed number literal, and a malformed date: they must never be echoed. */
    static final String CARD = "4111-1111-1111-1111";
    static final String BAD_DATE = "2026-13-45T99:99";

    public static void main(String[] args) throws Exception {
        String secret = args[0];
        boolean sink = args.length > 1 && args[1].equals("sink");
        SecretBridge bridge = sink ? new SecretBridge() : null;
        LocalEventBus.subscribe(Selector.all(), e -> {
            throw new IllegalStateException("listener saw " + e.context());
        }, SubscribeOptions.defaults().withName("leaky-thrower"));
        LocalEventBus.subscribe(Selector.all(), e -> ChildApp.sleep(1000_000),
                SubscribeOptions.defaults().withName("tiny-queue").withQueueCapacity(1));
        MemoryClient client = new MemoryClient();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("sensitivity", "secret");
        context.put("password", secret);
        long calls = 0;
        for (int i = 0; i < 20; i++) {
            Map<String, Object> body = Bodies.body("secret " + i, "secret.v1", List.of("secret", secret), context);
            body.put("sensitivity", "secret");
            String id = client.createBreadcrumb(body);
            client.updateBreadcrumb(id, 1, Map.of("context", context));
            calls += 2;
        }
        BadClients.NullBodyClient noId = new BadClients.NullBodyClient();
        noId.updateBreadcrumb(null, Map.of("context", context));
        calls++;
        App.awaitDispatched(calls, 30_000);
        // JSON fragments that don't parse, first, so that theirs are the WARN lines the malformed kind gets
        BadClients.JsonTextClient json = new BadClients.JsonTextClient();
        json.createBreadcrumb("{\"title\":\"card\",\"tags\":[],\"context\":{\"card\": " + CARD + "}}");
        json.createBreadcrumb("{\"title\":\"date\",\"tags\":[],\"context\":{\"at\": " + BAD_DATE + "}}");
        json.createBreadcrumb("{\"title\":\"esc\",\"tags\":[],\"context\":{\"s\": \"\\q" + secret + "\"}}");
        BadInputApp.main(new String[] {"3", secret});
        ChildApp.sleep(500);
        if (bridge != null) {
            ChildApp.print("SINK_CALLS", SecretBridge.CALLS.get());
            // the SSE lane, by hand, with the secret in the payload
            try {
                bridge.handleEvent("{\"type\":\"breadcrumb.updated\",\"breadcrumb_id\":\"x\",\"version\":1,\"context\":{\"password\":\""
                        + secret + "\"}}", Map.of());
            } catch (IllegalArgumentException expected) {
                ChildApp.print("SSE_CALL_THREW", true);
            }
        }
        ChildApp.print("LISTENER_ERRORS", LocalEventBus.stats().listenerErrors());
        ChildApp.print("DROPPED", LocalEventBus.stats().dropped());
        ChildApp.print("SECURITY_DONE", true);
    }
}
