package com.example.sinks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tool runner's sink: records the payloads it is handed. */
public class TenantSink {
    public final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

    public void handleEvent(Map<String, Object> event) {
        events.add(event);
    }
}
