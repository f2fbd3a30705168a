package com.example.sinks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@code handleEvent(String eventJson)}. */
public class StringEventSink {
    public static final List<Object[]> CALLS = new CopyOnWriteArrayList<>();

    public void handleEvent(String eventJson) {
        CALLS.add(new Object[] {eventJson});
    }
}
