package com.example.sinks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@code handleEvent(String eventJson, Map breadcrumb)}. */
public class StringMapSink {
    public static final List<Object[]> CALLS = new CopyOnWriteArrayList<>();

    public void handleEvent(String eventJson, Map<String, Object> breadcrumb) {
        CALLS.add(new Object[] {eventJson, breadcrumb});
    }
}
