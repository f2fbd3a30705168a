package com.example.sinks;

/** Two levels below the configured sink; loaded before {@link DerivedBridge}, so its superclass is not loaded yet. */
public class DeeperBridge extends DerivedBridge {
    private final long createdAt;

    public DeeperBridge(String name) {
        super(name);
        this.createdAt = System.nanoTime();
        SubclassSinkApp.constructorReturning(this);
    }

    public long createdAt() {
        return createdAt;
    }
}
