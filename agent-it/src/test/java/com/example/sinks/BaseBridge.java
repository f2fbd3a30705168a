package com.example.sinks;

import java.util.concurrent.atomic.AtomicInteger;

/** The configured sink class of the subclass test; its subclasses are sinks too. */
public class BaseBridge {
    private final AtomicInteger calls = new AtomicInteger();

    public BaseBridge() {
        SubclassSinkApp.constructorReturning(this);
    }

    public void handleEvent(String eventJson) {
        calls.incrementAndGet();
    }

    public int calls() {
        return calls.get();
    }
}
