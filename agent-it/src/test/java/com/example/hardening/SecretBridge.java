package com.example.hardening;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A sink whose body fails with the breadcrumb's secret in the exception message. */
public class SecretBridge {
    static final AtomicLong CALLS = new AtomicLong();

    public void handleEvent(String eventJson, Map<String, Object> breadcrumb) {
        CALLS.incrementAndGet();
        throw new IllegalArgumentException("cannot handle " + eventJson);
    }
}
