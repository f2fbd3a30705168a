package com.example.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An EventBridge that claims what it handles, the ordinary RCRT pattern: on version 1 of a breadcrumb it PATCHes
 * that breadcrumb (If-Match 1) before it returns. It logs each step in order.
 */
public class ClaimingBridge {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public final List<String> log = new CopyOnWriteArrayList<>();
    public volatile TenantClient client;

    public void handleEvent(String eventJson, Map<String, Object> breadcrumb) throws Exception {
        claim(log, client, MAPPER.readTree(eventJson));
    }

    /** The handler's body, shared with the API-subscriber form of the same application. */
    static void claim(List<String> log, TenantClient client, JsonNode event) {
        String id = event.path("breadcrumb_id").asText();
        long version = event.path("version").asLong();
        log.add("enter v" + version);
        if (version == 1) {
            client.updateBreadcrumb(id, 1, Map.of("title", "claimed"));
            log.add("claimed v1");
        }
        log.add("exit v" + version);
    }
}
