package com.example.sinks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@code handleEvent(Map event)}. */
public class MapEventSink {
    public static final List<Object[]> CALLS = new CopyOnWriteArrayList<>();

    public void handleEvent(Map<String, Object> event) {
        CALLS.add(new Object[] {event});
    }
}
