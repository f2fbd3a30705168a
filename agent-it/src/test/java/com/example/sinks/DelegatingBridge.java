package com.example.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An EventBridge with two overloads, the one-argument form delegating to the two-argument one (a common shape:
 * the SSE reader has only the JSON). The agent calls the two-argument form (it prefers it); the SSE reader calls
 * the one-argument form.
 */
public class DelegatingBridge {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public final List<String> runs = new CopyOnWriteArrayList<>();

    public void handleEvent(String eventJson) throws Exception {
        handleEvent(eventJson, null);
    }

    public void handleEvent(String eventJson, Map<String, Object> breadcrumb) throws Exception {
        String id = MAPPER.readTree(eventJson).path("breadcrumb_id").asText("-");
        runs.add(id + " " + (Thread.currentThread().getName().startsWith("rcrt-localbus-") ? "local" : "sse"));
    }
}
