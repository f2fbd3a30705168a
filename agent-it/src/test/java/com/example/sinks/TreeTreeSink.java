package com.example.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@code handleEvent(JsonNode event, JsonNode breadcrumb)}. */
public class TreeTreeSink {
    public static final List<Object[]> CALLS = new CopyOnWriteArrayList<>();

    public void handleEvent(JsonNode event, JsonNode breadcrumb) {
        CALLS.add(new Object[] {event, breadcrumb});
    }
}
