package org.rcrt.localbus.internal;

/**
 * Chooses, once per copy of the api, which bus {@link org.rcrt.localbus.LocalEventBus} talks to, and lets a copy
 * that chose its own bus join the shared one when the agent arrives later.
 */
public final class BusAccessLocator {
    /** This copy's own bus when it found no shared one at its first use; {@code null} otherwise. */
    private static volatile JoinableBus joinable;

    private BusAccessLocator() {}

    public static BusAccess locate() {
        BusAccess bridged = BridgedBus.locate();
        if (bridged != null) {
            return bridged;
        }
        if (BusAccessLocator.class.getClassLoader() == null) {
            return BusAccess.local(); // the bootstrap copy: this is the shared bus
        }
        JoinableBus own = new JoinableBus(BusAccess.local());
        joinable = own;
        return own;
    }

    /**
     * Called by the agent after it attached to a running JVM in which this copy was already in use: moves this
     * copy's subscriptions to the shared bus. Not an API for applications.
     *
     * @return the number of subscriptions moved
     * @throws IllegalStateException when there is no shared bus this copy can reach
     */
    public static int joinShared() {
        JoinableBus own = joinable;
        if (own == null) {
            return 0;
        }
        BusAccess shared = BridgedBus.locate();
        if (shared == null) {
            throw new IllegalStateException("no shared bus this copy of the api can bridge to");
        }
        return own.join(shared);
    }
}
