package com.example.sinks;

import java.util.concurrent.atomic.AtomicInteger;

/** A subclass of the configured sink, overriding the sink method; its state is set after {@code super()}. */
public class DerivedBridge extends BaseBridge {
    private final String name;
    private final AtomicInteger overrideCalls = new AtomicInteger();
    private final AtomicInteger halfConstructedCalls = new AtomicInteger();

    public DerivedBridge(String name) {
        super();
        this.name = name;
        SubclassSinkApp.constructorReturning(this);
    }

    @Override
    public void handleEvent(String eventJson) {
        if (name == null) {
            halfConstructedCalls.incrementAndGet();
        }
        overrideCalls.incrementAndGet();
        super.handleEvent(eventJson);
    }

    public int overrideCalls() {
        return overrideCalls.get();
    }

    public int halfConstructedCalls() {
        return halfConstructedCalls.get();
    }
}
