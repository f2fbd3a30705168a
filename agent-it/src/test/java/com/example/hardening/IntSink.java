package com.example.hardening;

import java.util.concurrent.atomic.AtomicLong;

/** A "sink" whose method takes an int: not a signature the agent can call. */
public class IntSink {
    static final AtomicLong CALLS = new AtomicLong();

    public void handleEvent(int event) {
        CALLS.incrementAndGet();
    }
}
