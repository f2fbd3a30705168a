package com.example.truth;

import java.util.concurrent.atomic.AtomicInteger;

/** An application's event bridge, named as a sink in the truth suite: counts the calls whose body ran. */
public class TruthSink {
    static final AtomicInteger CALLS = new AtomicInteger();

    public void handleEvent(String event) {
        CALLS.incrementAndGet();
    }
}
