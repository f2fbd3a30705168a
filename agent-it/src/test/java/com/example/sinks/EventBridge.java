package com.example.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An application's EventBridge, written without knowledge of rcrt-localbus: its SSE reader calls
 * {@code handleEvent(eventJson, breadcrumb)} for every SSE message. It records each run of its body, in order,
 * as {@code "<type> <breadcrumb_id|-> <version> <local|sse>"} (the lane told by the calling thread), and then
 * hands the breadcrumb to the application's {@link #handler}, which may block or fail.
 */
public class EventBridge {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the application does with a breadcrumb. */
    public interface Handler {
        void handle(String title, boolean localLane) throws Exception;
    }

    /** Body runs, in the order they started. */
    public final List<String> runs = new CopyOnWriteArrayList<>();
    /** Body runs that completed normally. */
    public final List<String> handled = new CopyOnWriteArrayList<>();
    public volatile Handler handler = (title, local) -> { };

    public void handleEvent(String eventJson, Map<String, Object> breadcrumb) throws Exception {
        JsonNode event = MAPPER.readTree(eventJson);
        String id = event.hasNonNull("breadcrumb_id") ? event.get("breadcrumb_id").asText() : "-";
        boolean local = Thread.currentThread().getName().startsWith("rcrt-localbus-");
        String run = event.path("type").asText("?") + " " + id + " " + event.path("version").asLong(0) + " "
                + (local ? "local" : "sse");
        runs.add(run);
        Object title = breadcrumb == null ? null : breadcrumb.get("title");
        handler.handle(title == null ? null : title.toString(), local);
        handled.add(run);
    }
}
