package com.example.sinks;

import com.example.support.ChildApp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;

/**
 * Run with {@code -Drcrt.localbus.dispatch=sync}: a handler that claims (PATCHes) the breadcrumb it handles, as a
 * sink ({@code sink}, run with {@code -Drcrt.localbus.sink=com.example.sinks.ClaimingBridge#handleEvent}) or as an
 * API subscriber with dedupe ({@code api}). Its own update's event arrives, on the same thread, while its claim of
 * version 1 is still in flight: it must be delivered there and then, not wait on itself. Prints the handler's log.
 */
public final class SelfClaimApp {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        TenantClient client = new TenantClient(null);
        List<String> log;
        if (args[0].equals("sink")) {
            ClaimingBridge bridge = new ClaimingBridge();
            bridge.client = client;
            log = bridge.log;
        } else {
            log = new CopyOnWriteArrayList<>();
            List<String> apiLog = log;
            LocalEventBus.subscribe(Selector.all(),
                    e -> ClaimingBridge.claim(apiLog, client, MAPPER.valueToTree(e.payload())),
                    SubscribeOptions.defaults().withName("claimer").withDedupe(true));
        }
        long started = System.nanoTime();
        String id = client.createBreadcrumb(Child.body("claim.v1", "request", Map.of(), List.of("tools")));
        ChildApp.print("CREATE_RETURNED_MS", (System.nanoTime() - started) / 1_000_000); // diagnostics only
        ChildApp.print("LOG", String.join(",", log));
        ChildApp.print("ID_KNOWN", id != null);
        ChildApp.print("DONE", true);
    }

    private SelfClaimApp() {}
}
