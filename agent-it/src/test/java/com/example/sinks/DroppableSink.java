package com.example.sinks;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A sink the application creates per unit of work and then forgets. Counts its calls, per instance and in total. */
public class DroppableSink {
    public static final AtomicLong TOTAL = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final byte[] ballast = new byte[64 * 1024]; // makes a leaked instance visible in the heap, too

    public void handleEvent(String eventJson, Map<String, Object> breadcrumb) {
        calls.incrementAndGet();
        TOTAL.incrementAndGet();
    }

    public long calls() {
        return calls.get() + ballast.length * 0L;
    }
}
