package com.example.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@code handleEvent(JsonNode event)}, the application's own Jackson tree. */
public class TreeEventSink {
    public static final List<Object[]> CALLS = new CopyOnWriteArrayList<>();

    public void handleEvent(JsonNode event) {
        CALLS.add(new Object[] {event});
    }
}
