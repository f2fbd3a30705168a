package com.example.sinks;

import java.util.concurrent.atomic.AtomicLong;

/** {@code handleEvent(int)}: not a signature the agent can call. */
public class IntSignatureSink {
    public static final AtomicLong CALLS = new AtomicLong();

    public void handleEvent(int code) {
        CALLS.incrementAndGet();
    }
}
