package com.example.hardening;

import java.util.concurrent.atomic.AtomicInteger;

/** An event bridge inside the Spring Boot fat jar's {@code BOOT-INF/classes}, named as a sink. */
public class BootSink {
    static final AtomicInteger CALLS = new AtomicInteger();

    public void handleEvent(String event) {
        CALLS.incrementAndGet();
    }
}
