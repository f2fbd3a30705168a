package com.example.bench;

import org.rcrt.localbus.LocalEventBus;

/** A figure measured while the bus dropped events times the drop path, not delivery: such a trial is refused. */
final class Drops {
    private Drops() {}

    /** Prints {@code REFUSED <what> dropped=N} and fails the trial (JMH then reports no score) when the bus dropped any. */
    static void refuseIfAny(String what) {
        long dropped = LocalEventBus.stats().dropped();
        if (dropped > 0) {
            System.out.println("REFUSED " + what + " dropped=" + dropped);
            throw new IllegalStateException(what + ": " + dropped + " events were dropped, the figure is refused");
        }
    }
}
