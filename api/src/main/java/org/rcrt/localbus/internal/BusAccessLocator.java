package org.rcrt.localbus.internal;

/** Chooses, once per copy of the api, which bus {@link org.rcrt.localbus.LocalEventBus} talks to. */
public final class BusAccessLocator {
    private BusAccessLocator() {}

    public static BusAccess locate() {
        BusAccess bridged = BridgedBus.locate();
        return bridged != null ? bridged : BusAccess.local();
    }
}
